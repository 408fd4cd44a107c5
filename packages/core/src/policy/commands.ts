// `mergegate policy eval | test | conformance`: Rego tooling in OPA's shapes, over @mergegate/rego.
import path from "node:path";
import { compile, NumberText, RegoError, runConformance, type Policy, type RegoVersion, type ResultRow } from "@mergegate/rego";
import { GateError } from "../errors.js";
import { redactionFor, secretValuesIn, type Redaction } from "../report/redact.js";
import { redactionKeyOf } from "../report/redaction-key.js";
import { loadPolicySources, readDocument } from "./sources.js";

function compiled(paths: readonly string[], regoVersion: RegoVersion): { policy: Policy; data: unknown } {
  const sources = loadPolicySources(paths);
  try {
    return { policy: compile({ modules: sources.modules, regoVersion, data: sources.data }), data: sources.data };
  } catch (error) {
    if (error instanceof RegoError) throw new GateError(error.message.split("\n")[0] ?? error.message);
    throw error;
  }
}

export interface EvalRequest {
  dataPaths: readonly string[];
  inputFile: string | null;
  query: string;
  regoVersion: RegoVersion;
  /** Where `print()` output goes (`opa eval` writes it to stderr); dropped when absent. */
  print?: (message: string) => void;
}

/** `opa eval --format json`'s shape: `{ result: [{ expressions, bindings }] }`, `{}` when undefined. */
export function policyEval(request: EvalRequest): { result?: (Omit<ResultRow, "bindings"> & { bindings?: ResultRow["bindings"] })[] } {
  const { policy, data } = compiled(request.dataPaths, request.regoVersion);
  const input = request.inputFile === null ? undefined : readDocument(request.inputFile);
  const redaction = redactionOf([input, data]);
  let rows: ResultRow[];
  try {
    rows = policy.evaluate(request.query, { ...(input === undefined ? {} : { input }), ...(request.print ? { print: request.print } : {}) });
  } catch (error) {
    if (error instanceof RegoError) throw new GateError(error.message.split("\n")[0] ?? error.message);
    throw error;
  }
  if (rows.length === 0) return {};
  return redaction.value({ result: rows.map((row) => (Object.keys(row.bindings).length === 0 ? { expressions: row.expressions } : row)) });
}

/** The JSON text of eval output as `opa eval` writes it: big integers exact, a number as the text it keeps (1.0, 1e3). */
export function evalOutputText(output: unknown): string {
  const marker = "\u0000number:";
  return JSON.stringify(output, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    if (original instanceof NumberText) return marker + original.text;
    return typeof item === "bigint" ? marker + item.toString() : item;
  }, 2).replace(/"\\u0000number:([^"]*)"/g, "$1");
}

/** Redaction of what a policy command prints: the Secrets of its input and data, and every detected credential. */
function redactionOf(documents: readonly unknown[]): Redaction {
  return redactionFor(redactionKeyOf(process.cwd()), secretValuesIn(documents));
}

export interface TestResult {
  file: string;
  line: number;
  package: string;
  name: string;
  status: "pass" | "fail" | "error";
  message: string | null;
}

export interface TestReport {
  total: number;
  passed: number;
  failed: number;
  tests: TestResult[];
}

/** Runs every `test_*` rule like `opa test`: a test passes when it is defined and true. */
export function policyTest(paths: readonly string[], regoVersion: RegoVersion): TestReport {
  const { policy, data } = compiled(paths.length === 0 ? ["."] : paths, regoVersion);
  const redaction = redactionOf([data]);
  const seen = new Set<string>();
  const tests: TestResult[] = [];
  for (const rule of policy.rules()) {
    if (!/^test_/.test(rule.name) || seen.has(rule.path)) continue;
    seen.add(rule.path);
    const base = { file: rule.location.file, line: rule.location.line, package: rule.package, name: rule.name };
    try {
      const value = policy.evalRef(rule.path);
      tests.push({ ...base, status: value === true ? "pass" : "fail", message: value === undefined ? "undefined" : value === true ? null : `got ${JSON.stringify(value)}` });
    } catch (error) {
      tests.push({ ...base, status: "error", message: error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error) });
    }
  }
  const passed = tests.filter((test) => test.status === "pass").length;
  return { total: tests.length, passed, failed: tests.length - passed, tests: tests.map((test) => ({ ...test, message: test.message === null ? null : redaction.text(test.message) })) };
}

export interface ConformanceSummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  cases: { file: string; name: string; status: "pass" | "fail" | "error"; reason: string | null }[];
  categories: Record<string, { total: number; passed: number }>;
}

/** OPA's YAML conformance cases, per case and per category (the case file's first folder). */
export function policyConformance(paths: readonly string[]): ConformanceSummary {
  const summary: ConformanceSummary = { total: 0, passed: 0, failed: 0, errored: 0, cases: [], categories: {} };
  for (const root of paths) {
    const report = runConformance(root);
    summary.total += report.total;
    summary.passed += report.passed;
    summary.failed += report.failed;
    summary.errored += report.errored;
    for (const entry of report.cases) {
      summary.cases.push({ file: path.relative(process.cwd(), entry.file) || entry.file, name: entry.name, status: entry.status, reason: entry.status === "pass" ? null : entry.reason });
      const category = categoryOf(root, entry.file);
      const counts = summary.categories[category] ?? { total: 0, passed: 0 };
      summary.categories[category] = { total: counts.total + 1, passed: counts.passed + (entry.status === "pass" ? 1 : 0) };
    }
  }
  return summary;
}

/** A case's category is its first folder under the given path — or the path's own name when it is one category. */
function categoryOf(root: string, file: string): string {
  const segments = path.relative(root, path.resolve(root, file)).split(path.sep);
  return segments.length > 1 ? (segments[0] ?? "") : path.basename(path.resolve(root));
}
