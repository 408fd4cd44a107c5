// @mergegate/rego: the Rego language for mergegate — compile modules once, evaluate queries against many inputs.

import type { Annotations, Location, Module } from "./ast.js";
import { compiledFromBytes, compiledToBytes } from "./compiler/bytes.js";
import { compileModules, compileQuery, type CompiledPolicy, type CompiledQuery } from "./compiler/compile.js";
import type { RuleNode } from "./compiler/rules.js";
import { defaultLimits, withStackGuard, type Limits } from "./eval/limits.js";
import { Evaluator } from "./eval/evaluator.js";
import { parseModule, parseQuery, type RegoVersion } from "./parser.js";
import { fromJSON, ObjectValue, toJSON, toResultJSON, type JSONValue, type ResultJSON, type Value } from "./values.js";

export interface ModuleSource {
  file: string;
  source: string;
}

export interface CompileOptions {
  modules: ModuleSource[];
  regoVersion?: RegoVersion;
  /** Base documents under `data` (plain JSON). */
  data?: unknown;
}

export interface EvaluateOptions {
  /** The input document as plain JSON, or as a Rego value when `inputIsValue` is set. */
  input?: unknown;
  inputIsValue?: boolean;
  /** Replaces the compile-time base documents for this evaluation. */
  data?: unknown;
  limits?: Partial<Limits>;
  print?: (message: string) => void;
  strictBuiltinErrors?: boolean;
  /** Environment variables opa.runtime() shows; none by default (a policy never sees the host's environment). */
  runtimeEnv?: Readonly<Record<string, string>>;
}

export interface ExpressionResult {
  /** The value, numbers written other than canonically (1.0, big.Float results) kept as their NumberText. */
  value: ResultJSON;
  text: string;
  location: { row: number; col: number };
}

export interface ResultRow {
  expressions: ExpressionResult[];
  bindings: Record<string, ResultJSON>;
}

/** A result row with Rego values (sets kept as sets). */
export interface ValueRow {
  expressions: Value[];
  bindings: Map<string, Value>;
}

export interface RuleInfo {
  package: string;
  name: string;
  path: string;
  kind: string;
  default: boolean;
  location: Location;
  annotations: Annotations | undefined;
}

export class Policy {
  private readonly queries = new Map<string, { compiled: CompiledQuery; texts: string[]; locations: Location[] }>();
  /**
   * Per data document passed in (by identity) and builtin error mode: its Rego value and the values of the rules that
   * depend on data only, so that evaluating many inputs against one data document computes those rules once.
   */
  private readonly perData = new WeakMap<object, { data: Value; shared: Map<boolean, Map<RuleNode, Value | undefined>> }>();

  constructor(
    private readonly compiled: CompiledPolicy,
    private readonly baseData: Value,
  ) {}

  get modules(): Module[] {
    return this.compiled.modules;
  }

  /** The compiled policy as bytes, for a cache: Policy.fromBytes reads them where compiledFormat and V8's version are the same. */
  toBytes(): Uint8Array {
    return compiledToBytes(this.compiled);
  }

  /** The policy toBytes' bytes hold, with these base documents; null when the bytes are not a compiled policy. */
  static fromBytes(bytes: Uint8Array, data?: unknown): Policy | null {
    const compiled = compiledFromBytes(bytes);
    return compiled === null ? null : new Policy(compiled, data === undefined ? new ObjectValue() : fromJSON(data));
  }

  /** Evaluates a query and returns OPA's result-set shape. */
  evaluate(query: string, options: EvaluateOptions = {}): ResultRow[] {
    const { texts, locations } = this.prepare(query);
    const rows = this.evaluateValues(query, options);
    return withStackGuard(() => rows.map((row) => ({
      expressions: row.expressions.map((value, index) => ({
        value: toResultJSON(value),
        text: texts[index] as string,
        location: { row: (locations[index] as Location).line, col: (locations[index] as Location).col },
      })),
      bindings: Object.fromEntries([...row.bindings].map(([name, value]) => [name, toResultJSON(value)])),
    })));
  }

  /** Evaluates a query and returns rows of Rego values. */
  evaluateValues(query: string, options: EvaluateOptions = {}): ValueRow[] {
    const { compiled } = this.prepare(query);
    const rows: ValueRow[] = [];
    withStackGuard(() =>
      this.evaluator(options).run(compiled, ({ frame, values }) => {
        const bindings = new Map<string, Value>();
        for (const [name, slot] of compiled.variables) {
          const value = frame[slot];
          if (value !== undefined) bindings.set(name, value);
        }
        rows.push({ expressions: values, bindings });
      }),
    );
    return rows;
  }

  /** The value of a dotted data reference (`data.main.deny`) as JSON, or undefined. */
  evalRef(ref: string, input?: unknown, options: EvaluateOptions = {}): JSONValue | undefined {
    const value = this.evalRefValue(ref, { ...options, input });
    return value === undefined ? undefined : withStackGuard(() => toJSON(value));
  }

  /** The value of a dotted data reference as a Rego value, or undefined. */
  evalRefValue(ref: string, options: EvaluateOptions = {}): Value | undefined {
    return withStackGuard(() => this.evaluator(options).valueAt(dataPath(ref)));
  }

  /**
   * The values of several data references for one input, as JSON: one evaluation, so the rules they share (helper
   * libraries) are evaluated once. The limits apply to the whole evaluation.
   */
  evalRefs(refs: readonly string[], input?: unknown, options: EvaluateOptions = {}): (JSONValue | undefined)[] {
    const evaluator = this.evaluator({ ...options, input });
    return withStackGuard(() =>
      refs.map((ref) => {
        const value = evaluator.valueAt(dataPath(ref));
        return value === undefined ? undefined : toJSON(value);
      }),
    );
  }

  /** Every rule with its package, name, kind, location and METADATA annotations. */
  rules(): RuleInfo[] {
    return this.compiled.modules.flatMap((module) =>
      module.rules.map((rule) => {
        const name = rule.head.ref.map((part) => (part.type === "var" ? part.name : part.type === "scalar" ? String(part.value) : "[_]")).join(".");
        const packageName = ["data", ...module.packagePath].join(".");
        return { package: packageName, name, path: `${packageName}.${name}`, kind: rule.kind, default: rule.default, location: rule.loc, annotations: rule.annotations };
      }),
    );
  }

  /** All METADATA blocks of all modules, by file. */
  annotations(): { file: string; package: string; annotations: Annotations[] }[] {
    return this.compiled.modules.map((module) => ({ file: module.file, package: ["data", ...module.packagePath].join("."), annotations: module.annotations }));
  }

  private prepare(query: string) {
    let prepared = this.queries.get(query);
    if (!prepared) {
      const body = parseQuery(query);
      prepared = { compiled: compileQuery(body, this.compiled), texts: body.map((expr) => expr.text), locations: body.map((expr) => expr.loc) };
      this.queries.set(query, prepared);
    }
    return prepared;
  }

  private evaluator(options: EvaluateOptions): Evaluator {
    const input = options.input === undefined ? undefined : options.inputIsValue ? (options.input as Value) : fromJSON(options.input);
    const strictBuiltinErrors = options.strictBuiltinErrors ?? false;
    const { data, shared } = this.dataOf(options.data, strictBuiltinErrors);
    return new Evaluator(this.compiled, {
      input,
      data,
      limits: { ...defaultLimits, ...options.limits },
      print: options.print,
      strictBuiltinErrors,
      runtimeEnv: options.runtimeEnv ?? {},
      shared,
    });
  }

  /** The data document of an evaluation and the shared rule values kept for it (none for scalar data). */
  private dataOf(given: unknown, strictBuiltinErrors: boolean): { data: Value; shared: Map<RuleNode, Value | undefined> | undefined } {
    const owner = given === undefined ? this.baseData : given;
    if (typeof owner !== "object" || owner === null) return { data: fromJSON(given), shared: undefined };
    let entry = this.perData.get(owner);
    if (entry === undefined) {
      entry = { data: given === undefined ? this.baseData : fromJSON(given), shared: new Map() };
      this.perData.set(owner, entry);
    }
    let shared = entry.shared.get(strictBuiltinErrors);
    if (shared === undefined) {
      shared = new Map();
      entry.shared.set(strictBuiltinErrors, shared);
    }
    return { data: entry.data, shared };
  }
}

const dataPaths = new Map<string, string[]>();

/** A dotted data reference as a path below data: `data.main.deny` → ["main", "deny"] (split once per reference). */
function dataPath(ref: string): string[] {
  let path = dataPaths.get(ref);
  if (path === undefined) {
    path = ref.split(".");
    if (path[0] === "data") path.shift();
    if (dataPaths.size < 10_000) dataPaths.set(ref, path);
  }
  return path;
}

/** Parses and compiles modules; throws a RegoError (parse, compile, type, safety or recursion) on failure. */
export function compile(options: CompileOptions): Policy {
  const modules = options.modules.map(({ file, source }) => parseModule(source, file, { regoVersion: options.regoVersion ?? "v1" }));
  return compileParsed(modules, options.data);
}

/** Compiles modules parsed with parseModule (for callers that read their METADATA first); throws a RegoError. */
export function compileParsed(modules: Module[], data?: unknown): Policy {
  return new Policy(compileModules(modules), data === undefined ? new ObjectValue() : fromJSON(data));
}

export type { Annotations, Location, Module, Rule, Term, Expr } from "./ast.js";
export { parseModule, parseQuery, type RegoVersion } from "./parser.js";
export { compiledFormat } from "./compiler/bytes.js";
export { defaultLimits, type Limits } from "./eval/limits.js";
export {
  RegoError,
  ParseError,
  CompileError,
  CompileErrors,
  ConflictError,
  EvalTypeError,
  BuiltinError,
  LimitError,
  type RegoErrorCode,
} from "./errors.js";
export { fromJSON, toJSON, stringifyJSON, formatValue, formatNumber, isNumber, NumberText, SetValue, ObjectValue, type Value, type JSONValue, type ResultJSON, type RegoNumber } from "./values.js";
export { parseJSONData } from "./builtins/encoding.js";
export { registerBuiltins, lookupBuiltin, builtinNames, type Builtin, type BuiltinContext } from "./builtins/index.js";
export { BuiltinFailure, OperandError, T as Types } from "./builtins/registry.js";
export { opaBuiltinNames } from "./builtins/catalogue.js";
export { WasmPolicy, type WasmPolicyOptions } from "./wasm/policy.js";
export { loadBundle, bundleContents, readTar, type BundleContents } from "./wasm/bundle.js";
export { buildBundle, findOpa, defaultCacheDir, type BuildOptions } from "./wasm/build.js";
export { runConformance, type ConformanceReport, type ConformanceCase } from "./conformance.js";
export { compileRegex as re2Compile, findMatches as re2FindAll, regexMatches as re2Test, type RegexMatch as Re2Match } from "./builtins/re2.js";
