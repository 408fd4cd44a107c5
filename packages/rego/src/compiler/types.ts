// Static type checking as OPA's compiler does it: builtin arguments against their declared types, function arguments
// against the types of the functions' head patterns, and references into scalars, reported at compile time as
// rego_type_error. Only types known for certain are checked (literals, builtin results, variables assigned from them);
// everything read from input, data or rules is `any` and always accepted.

import type { CallTerm, Expr, Term } from "../ast.js";
import { refText } from "../ast.js";
import { lookupBuiltin } from "../builtins/index.js";
import type { ArgumentType, Builtin, TypeName } from "../builtins/registry.js";
import { CompileError } from "../errors.js";
import { formatValue, NumberText, typeName } from "../values.js";
import type { CompiledRule, RuleNode } from "./rules.js";

type ScalarKind = "null" | "boolean" | "number" | "string";

export type StaticType =
  | { kind: "any" }
  | { kind: ScalarKind }
  | { kind: "array"; items?: StaticType[]; of?: StaticType }
  | { kind: "set"; of: StaticType }
  | { kind: "object"; pairs?: [string, StaticType][] }
  | { kind: "union"; of: StaticType[] };

const any: StaticType = { kind: "any" };

/** Element types OPA declares for collection arguments (the registry records only the collection's kind). */
const elementTypes: Record<string, (TypeName | undefined)[]> = {
  concat: [undefined, "string"],
  sum: ["number"],
  product: ["number"],
  "object.union_n": ["object"],
  "strings.any_prefix_match": ["string", "string"],
  "strings.any_suffix_match": ["string", "string"],
};

const order: Record<string, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6, any: 7, union: 7 };

/** OPA's text for a type: `array<number>` (static), `array[string]` (dynamic), `any<number, string>` (union). */
export function formatType(type: StaticType): string {
  switch (type.kind) {
    case "array":
      return type.items ? `array<${type.items.map(formatType).join(", ")}>` : `array[${formatType(type.of ?? any)}]`;
    case "set":
      return `set[${formatType(type.of)}]`;
    case "object":
      return type.pairs ? `object<${type.pairs.map(([key, value]) => `${key}: ${formatType(value)}`).join(", ")}>` : "object[any: any]";
    case "union":
      return `any<${[...type.of].sort((a, b) => (order[a.kind] as number) - (order[b.kind] as number)).map(formatType).join(", ")}>`;
    default:
      return type.kind;
  }
}

function declared(kind: TypeName, element: TypeName | undefined): StaticType {
  const of = element ? declared(element, undefined) : any;
  switch (kind) {
    case "array":
      return { kind: "array", of };
    case "set":
      return { kind: "set", of };
    case "object":
      return { kind: "object" };
    default:
      return { kind };
  }
}

/** The declared type of a builtin argument (or result), with element types where OPA declares them. */
function declaredType(type: ArgumentType, element?: TypeName): StaticType {
  if (type.includes("any")) return any;
  const members = type.map((kind) => declared(kind, element));
  return members.length === 1 ? (members[0] as StaticType) : { kind: "union", of: members };
}

/**
 * Whether a value of type `have` can be a `want`: unknown parts always can. A literal object or array meets a pattern's
 * type only with the same keys or length, as OPA unifies a term with a static type (unify1Object, unify1Array).
 */
function fits(have: StaticType, want: StaticType): boolean {
  if (have.kind === "any" || want.kind === "any") return true;
  if (have.kind === "union") return have.of.some((member) => fits(member, want));
  if (want.kind === "union") return want.of.some((member) => fits(have, member));
  if (have.kind !== want.kind) return false;
  if (have.kind === "object" && want.kind === "object" && have.pairs && want.pairs) {
    const pairs = have.pairs;
    return pairs.length === want.pairs.length && want.pairs.every(([key, type]) => {
      const member = pairs.find(([name]) => name === key);
      return member !== undefined && fits(member[1], type);
    });
  }
  if (have.kind === "array" && want.kind === "array" && want.items) {
    const items = want.items;
    if (have.items) return have.items.length === items.length && have.items.every((item, index) => fits(item, items[index] as StaticType));
    return items.every((item) => fits(have.of ?? any, item));
  }
  if (want.kind === "array" || want.kind === "set") {
    const wanted = want.of ?? any;
    if (have.kind === "array" && have.items) return have.items.every((item) => fits(item, wanted));
    return fits((have as { of?: StaticType }).of ?? any, wanted);
  }
  return true;
}

function elementOf(type: StaticType): StaticType {
  if (type.kind === "array") return type.items ? union(type.items) : (type.of ?? any);
  if (type.kind === "set") return type.of;
  if (type.kind === "object" && type.pairs) return union(type.pairs.map(([, value]) => value));
  return any;
}

/**
 * Why a constant key names nothing in a literal's type, as OPA words it: an index past the end of an array literal,
 * or a key an object literal does not have. Undefined when the key may exist.
 */
function missingMember(type: StaticType, key: unknown): string | undefined {
  // A number written with a fraction or an exponent (1.0) is never an index: OPA reads an index with Number.Int.
  if (type.kind === "array" && type.items && key instanceof NumberText) return "want (type): number";
  if (type.kind === "array" && type.items && typeof key === "number" && !(Number.isInteger(key) && key >= 0 && key < type.items.length)) return "want (type): number";
  if (type.kind === "object" && type.pairs && typeof key === "string" && !type.pairs.some(([name]) => name === key)) return `want (one of): ${JSON.stringify(type.pairs.map(([name]) => name).sort())}`;
  return undefined;
}

/** The type of a literal's member under a constant key. */
function memberOf(type: StaticType, key: unknown): StaticType {
  if (type.kind === "array" && type.items && typeof key === "number") return type.items[key] ?? any;
  if (type.kind === "object" && type.pairs && typeof key === "string") return type.pairs.find(([name]) => name === key)?.[1] ?? any;
  return elementOf(type);
}

function union(types: StaticType[]): StaticType {
  const distinct = new Map(types.map((type) => [formatType(type), type]));
  if (distinct.size === 0 || [...distinct.values()].some((type) => type.kind === "any")) return any;
  return distinct.size === 1 ? ([...distinct.values()][0] as StaticType) : { kind: "union", of: [...distinct.values()] };
}

/** The argument types of user functions by name (`data.pkg.f`). */
export type FunctionTypes = ReadonlyMap<string, StaticType[]>;

/** The type of a head pattern: a literal's type, with its variables unknown. */
function patternType(term: Term): StaticType {
  switch (term.type) {
    case "scalar":
      return { kind: typeName(term.value) as ScalarKind };
    case "array":
      return { kind: "array", items: term.items.map(patternType) };
    case "object": {
      const literal = term.pairs.length > 0 && term.pairs.every(([key]) => key.type === "scalar" && typeof key.value === "string");
      return literal ? { kind: "object", pairs: term.pairs.map(([key, value]) => [(key as { value: string }).value, patternType(value)]) } : { kind: "object" };
    }
    case "set":
      return { kind: "set", of: any };
    default:
      return any;
  }
}

/**
 * Each function's argument types: per position, the union of its definitions' head patterns (OPA's types.Or of the
 * definitions' function types), so a call fits when it fits one definition at each position.
 */
export function functionTypes(functions: ReadonlyMap<string, RuleNode>): FunctionTypes {
  const types = new Map<string, StaticType[]>();
  for (const [name, node] of functions) {
    const definitions = [...node.functions, ...(node.defaultFunction ? [node.defaultFunction] : [])];
    const arity = definitions[0]?.args?.length ?? 0;
    types.set(name, Array.from({ length: arity }, (_, index) => union(definitions.map((rule) => {
      const pattern = rule.args?.[index];
      return pattern ? patternType(pattern) : any;
    }))));
  }
  return types;
}

/** Checks one compiled rule (with its else branches); returns the type errors found. */
export function checkRuleTypes(rule: CompiledRule, functions: FunctionTypes): CompileError[] {
  const errors: CompileError[] = [];
  for (let branch: CompiledRule | undefined = rule; branch; branch = branch.else) {
    const checker = new TypeChecker(errors, functions);
    checker.body(branch.body);
    for (const term of [...branch.suffix, ...(branch.key ? [branch.key] : []), branch.value]) checker.infer(term);
  }
  return errors;
}

/** Checks a compiled query body; returns the type errors found. */
export function checkQueryTypes(body: Expr[], functions: FunctionTypes): CompileError[] {
  const errors: CompileError[] = [];
  new TypeChecker(errors, functions).body(body);
  return errors;
}

class TypeChecker {
  private readonly slots = new Map<number, StaticType>();

  constructor(
    private readonly errors: CompileError[],
    private readonly functions: FunctionTypes,
  ) {}

  body(body: Expr[]): void {
    for (const expr of body) this.expr(expr);
  }

  private expr(expr: Expr): void {
    for (const modifier of expr.with) this.infer(modifier.value);
    const statement = expr.statement;
    switch (statement.kind) {
      case "some":
        return;
      case "somein": {
        const collection = this.infer(statement.collection);
        this.bind(statement.value, elementOf(collection));
        if (statement.key) this.bind(statement.key, collection.kind === "array" ? { kind: "number" } : any);
        return;
      }
      case "every": {
        const collection = this.infer(statement.collection);
        this.bind(statement.value, elementOf(collection));
        this.body(statement.body);
        return;
      }
      case "term": {
        const term = statement.term;
        if (term.type === "call" && term.operator === "assign" && !expr.negated) {
          const value = this.infer(term.args[1] as Term);
          this.bind(term.args[0] as Term, value);
          return;
        }
        this.infer(term);
      }
    }
  }

  /** Records the type of a variable bound by `:=` or `some … in` (only the first binding counts). */
  private bind(target: Term, type: StaticType): void {
    if (target.type === "var" && target.slot !== undefined && !this.slots.has(target.slot)) this.slots.set(target.slot, type);
    else this.infer(target);
  }

  infer(term: Term): StaticType {
    switch (term.type) {
      case "scalar":
        return { kind: typeName(term.value) as ScalarKind };
      case "var":
        return term.slot !== undefined ? (this.slots.get(term.slot) ?? any) : any;
      case "array":
        return { kind: "array", items: term.items.map((item) => this.infer(item)) };
      case "set":
        return { kind: "set", of: union(term.items.map((item) => this.infer(item))) };
      case "object": {
        const pairs = term.pairs.map(([key, value]) => [key, this.infer(key), this.infer(value)] as const);
        // OPA types an empty object literal as a dynamic object (object[any: any]).
        const literal = pairs.length > 0 && pairs.every(([key]) => key.type === "scalar" && typeof key.value === "string");
        return literal ? { kind: "object", pairs: pairs.map(([key, , value]) => [(key as { value: string }).value, value]) } : { kind: "object" };
      }
      case "ref":
        return this.ref(term);
      case "call":
        return this.call(term);
      case "arraycompr":
        this.body(term.body);
        return { kind: "array", of: this.infer(term.term) };
      case "setcompr":
        this.body(term.body);
        return { kind: "set", of: this.infer(term.term) };
      case "objectcompr":
        this.body(term.body);
        this.infer(term.key);
        this.infer(term.value);
        return { kind: "object" };
      case "template":
        for (const part of term.parts) if (typeof part !== "string") this.infer(part);
        return { kind: "string" };
    }
  }

  private ref(term: Term & { type: "ref" }): StaticType {
    let current = this.infer(term.head);
    for (const part of term.path) {
      if (part.type !== "scalar") this.infer(part);
      if (current.kind === "null" || current.kind === "boolean" || current.kind === "number" || current.kind === "string") {
        const text = refText(term) ?? formatRef(term);
        this.errors.push(new CompileError("rego_type_error", `undefined ref: ${text}\n\t${text}\n\thave: ${formatType(current)}`, term.loc));
        return any;
      }
      const missing = part.type === "scalar" ? missingMember(current, part.value) : undefined;
      if (missing !== undefined) {
        const text = refText(term) ?? formatRef(term);
        this.errors.push(new CompileError("rego_type_error", `undefined ref: ${text}\n\t${text}\n\thave: ${part.type === "scalar" ? formatValue(part.value) : "null"}\n\t${missing}`, term.loc));
        return any;
      }
      current = part.type === "scalar" ? memberOf(current, part.value) : elementOf(current);
    }
    return current;
  }

  private call(term: CallTerm): StaticType {
    const inputs = term.output ? term.args.slice(0, -1) : term.args;
    const have = inputs.map((arg) => this.infer(arg));
    if (term.operator === "eq" || term.operator === "assign") return any;
    const argumentTypes = this.functions.get(term.operator);
    if (argumentTypes) {
      if (have.some((type, index) => argumentTypes[index] !== undefined && !fits(type, argumentTypes[index] as StaticType))) {
        // OPA lists the output too: `???` for the variable the call binds, and the function's result type.
        const output = term.output ? ", ???" : "";
        this.errors.push(new CompileError("rego_type_error", `${term.operator}: invalid argument(s)\n\thave: (${have.map(formatType).join(", ")}${output})\n\twant: (${argumentTypes.map(formatType).join(", ")}${term.output ? ", any" : ""})`, term.loc));
      }
      return any;
    }
    const builtin = lookupBuiltin(term.operator);
    if (!builtin || builtin.variadic) return any;
    const want = builtin.args.map((type, index) => declaredType(type, elementTypes[builtin.name]?.[index]));
    if (have.some((type, index) => want[index] !== undefined && !fits(type, want[index] as StaticType))) {
      this.errors.push(new CompileError("rego_type_error", `${builtin.name}: invalid argument(s)\n\thave: (${have.map(formatType).join(", ")})\n\twant: (${want.map(formatType).join(", ")})`, term.loc));
      return any;
    }
    const result = resultType(builtin);
    if (term.output) this.bind(term.args[term.args.length - 1] as Term, result);
    return result;
  }
}

function resultType(builtin: Builtin): StaticType {
  return declaredType(builtin.result);
}

function formatRef(term: Term & { type: "ref" }): string {
  const head = term.head.type === "scalar" ? JSON.stringify(term.head.value) : term.head.type === "var" ? term.head.name : term.head.type;
  const part = (item: Term) => (item.type !== "scalar" ? "[...]" : typeof item.value === "string" ? `.${item.value}` : `[${formatValue(item.value)}]`);
  return head + term.path.map(part).join("");
}
