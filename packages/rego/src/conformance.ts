// Runs OPA's YAML conformance cases (topdown test cases) against this engine and reports pass/fail per case and category.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse as parseYAML } from "yaml";
import { opaBuiltinNames } from "./builtins/catalogue.js";
import { RegoError } from "./errors.js";
import { compile } from "./index.js";
import { compare, fromJSON, stringifyJSON, toJSON, type Value } from "./values.js";

export interface ConformanceCase {
  file: string;
  name: string;
  status: "pass" | "fail" | "error";
  reason: string;
}

export interface CategoryCounts {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  /** Cases that call a builtin outside the registry. */
  notImplemented: number;
}

export interface ConformanceReport {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  cases: ConformanceCase[];
  categories: Record<string, CategoryCounts>;
}

interface CaseDefinition {
  note?: string;
  query?: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  ignore_generated_vars?: boolean;
}

export interface ConformanceOptions {
  /** Only run files whose category (first folder) is listed. */
  categories?: string[];
}

const notImplementedPrefix = "builtin ";

export function runConformance(directory: string, options: ConformanceOptions = {}): ConformanceReport {
  const report: ConformanceReport = { total: 0, passed: 0, failed: 0, errored: 0, cases: [], categories: {} };
  for (const path of caseFiles(directory)) {
    const file = relative(directory, path).split(sep).join("/");
    const category = file.split("/")[0] as string;
    if (options.categories && !options.categories.includes(category)) continue;
    const document = parseYAML(readFileSync(path, "utf8"), { intAsBigInt: true }) as { cases?: CaseDefinition[] };
    for (const definition of document.cases ?? []) {
      const result = runCase(file, definition);
      record(report, category, result);
    }
  }
  return report;
}

function record(report: ConformanceReport, category: string, result: ConformanceCase): void {
  const counts = (report.categories[category] ??= { total: 0, passed: 0, failed: 0, errored: 0, notImplemented: 0 });
  report.cases.push(result);
  report.total++;
  counts.total++;
  if (result.status === "pass") {
    report.passed++;
    counts.passed++;
  } else if (result.status === "fail") {
    report.failed++;
    counts.failed++;
  } else {
    report.errored++;
    counts.errored++;
  }
  if (isNotImplemented(result)) counts.notImplemented++;
}

export function isNotImplemented(result: ConformanceCase): boolean {
  return result.status !== "pass" && result.reason.startsWith(notImplementedPrefix) && result.reason.endsWith(" not implemented");
}

function caseFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return caseFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}

function runCase(file: string, definition: CaseDefinition): ConformanceCase {
  const name = definition.note ?? "(unnamed)";
  const verdict = (status: ConformanceCase["status"], reason: string): ConformanceCase => ({ file, name, status, reason });
  let rows: Map<string, Value>[];
  try {
    rows = evaluateCase(file, definition);
  } catch (error) {
    const missing = missingBuiltin(error);
    if (missing) return verdict("error", `${notImplementedPrefix}${missing} not implemented`);
    if (!(error instanceof RegoError)) return verdict("error", `internal error: ${(error as Error).stack ?? String(error)}`.slice(0, 600));
    if (definition.want_error_code === undefined && definition.want_error === undefined) return verdict("fail", `unexpected error: ${error.message}`);
    if (definition.want_error_code !== undefined && definition.want_error_code !== error.code) {
      return verdict("fail", `want error code ${definition.want_error_code}, got ${error.code}: ${error.message}`);
    }
    if (definition.want_error !== undefined && !error.message.includes(definition.want_error)) {
      return verdict("fail", `want error containing ${JSON.stringify(definition.want_error)}, got ${JSON.stringify(error.message)}`);
    }
    return verdict("pass", "");
  }
  if (definition.want_error_code !== undefined || definition.want_error !== undefined) {
    return verdict("fail", `want error ${definition.want_error_code ?? ""} ${definition.want_error ?? ""}, got ${rows.length} result(s)`.replace(/\s+/g, " "));
  }
  const expected = canonicalRows((definition.want_result ?? []).map((row) => new Map(Object.entries(row).map(([key, value]) => [key, fromJSON(value)]))), undefined, false);
  const keys = definition.ignore_generated_vars ? new Set((definition.want_result ?? []).flatMap((row) => Object.keys(row))) : undefined;
  const actual = canonicalRows(rows, keys, definition.sort_bindings ?? false);
  if (sameSet(expected, actual)) return verdict("pass", "");
  return verdict("fail", `want ${summarise(expected)}, got ${summarise(actual)}`);
}

function evaluateCase(file: string, definition: CaseDefinition): Map<string, Value>[] {
  const modules = (definition.modules ?? []).map((source, index) => ({ file: `test-${index}.rego`, source }));
  const policy = compile({ modules, regoVersion: "v1", data: definition.data });
  let input: Value | undefined = definition.input === undefined ? undefined : fromJSON(definition.input);
  if (definition.input_term !== undefined) {
    const rows = compile({ modules: [] }).evaluateValues(`__input__ := ${definition.input_term}`);
    input = rows[0]?.bindings.get("__input__");
  }
  const limits = { maxSteps: 20_000_000, timeoutMs: 10_000 };
  return policy.evaluateValues(definition.query ?? "true", { input, inputIsValue: true, strictBuiltinErrors: definition.strict_error ?? false, limits }).map((row) => row.bindings);
}

function missingBuiltin(error: unknown): string | undefined {
  if (!(error instanceof RegoError)) return undefined;
  const texts = "errors" in error ? (error as { errors: RegoError[] }).errors.map((inner) => inner.text) : [error.text];
  for (const text of texts) {
    const match = /^undefined function (\S+)$/.exec(text);
    if (match && opaBuiltinNames.has(match[1] as string)) return match[1];
  }
  return undefined;
}

/** Rows as canonical JSON strings (sets as sorted arrays, object keys sorted). */
function canonicalRows(rows: Map<string, Value>[], keys: Set<string> | undefined, sortBindings: boolean): Set<string> {
  const result = new Set<string>();
  for (const row of rows) {
    const entries = [...row].filter(([key]) => !keys || keys.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const normalised = entries.map(([key, value]) => {
      let json = fromJSON(toJSON(value));
      if (sortBindings && Array.isArray(json)) json = [...json].sort(compare);
      return `${JSON.stringify(key)}:${stringifyJSON(json)}`;
    });
    result.add(`{${normalised.join(",")}}`);
  }
  return result;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

function summarise(rows: Set<string>): string {
  const text = `[${[...rows].join(", ")}]`;
  return text.length > 300 ? text.slice(0, 300) + "…" : text;
}
