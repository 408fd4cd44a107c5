// `mergegate policy verify`: runs Gatekeeper `gator verify` Suite files (kind: Suite) without a cluster.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { GateError } from "../errors.js";
import { buildInventory, compileTemplate, evaluateConstraint, namespacesOf, reviewOf, type CompiledTemplate } from "./gatekeeper.js";

type Json = Record<string, unknown>;

export interface VerifyCase {
  file: string;
  name: string;
  status: "pass" | "fail" | "error";
  reason: string | null;
}

export interface VerifyReport {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  cases: VerifyCase[];
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function readDocuments(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  let list = parseAllDocuments(text);
  if (list.some((document) => document.errors.length > 0)) {
    // Go's YAML accepts a multi-line double-quoted scalar continued at its key's indentation; the yaml package does not.
    const repaired = parseAllDocuments(indentQuotedContinuations(text));
    if (repaired.every((document) => document.errors.length === 0)) list = repaired;
  }
  const values: unknown[] = [];
  for (const document of list) {
    if (document.errors.length > 0) throw new Error(`cannot parse ${file}: ${document.errors[0]?.message.split("\n")[0] ?? ""}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** Indents the continuation lines of `key: "...` scalars left open on their line past the key. */
function indentQuotedContinuations(text: string): string {
  const lines = text.split("\n");
  let open: number | null = null;
  const unescapedQuotes = (line: string): number => (line.replace(/\\./g, "").match(/"/g) ?? []).length;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (open !== null) {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (line.trim() !== "" && indent <= open) lines[index] = " ".repeat(open + 2 - indent) + line;
      if (unescapedQuotes(line) % 2 === 1) open = null;
      continue;
    }
    const match = /^( *)(?:- )?[\w.\/-]+: "/.exec(line);
    if (match !== null && unescapedQuotes(line) % 2 === 1) open = (match[1] ?? "").length;
  }
  return lines.join("\n");
}

function isSuiteFile(file: string): boolean {
  const base = path.basename(file);
  if (base === "suite.yaml" || base === "suite.yml") return true;
  if (!/\.ya?ml$/.test(base)) return false;
  try {
    return /^kind:\s*Suite\s*$/m.test(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}

/** Suite files: given files as they are, folders searched recursively. */
export function findSuites(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const target of paths) {
    const info = statSync(target, { throwIfNoEntry: false });
    if (info === undefined) throw new GateError("no such file or directory", target);
    if (info.isFile()) {
      found.push(target);
      continue;
    }
    const files = readdirSync(target, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter(isSuiteFile)
      .sort();
    found.push(...files);
  }
  return found;
}

interface Assertion {
  violations: string | number;
  message: RegExp | null;
}

function assertionsOf(value: unknown): Assertion[] {
  const list = Array.isArray(value) ? value : [];
  return list.filter(isObject).map((entry) => {
    const raw = entry["violations"];
    const violations = raw === true ? "yes" : raw === false ? "no" : typeof raw === "number" ? raw : typeof raw === "string" ? raw.trim() : "yes";
    return { violations, message: typeof entry["message"] === "string" ? new RegExp(entry["message"]) : null };
  });
}

function checkAssertion(assertion: Assertion, messages: readonly string[]): string | null {
  const matching = assertion.message === null ? messages.length : messages.filter((message) => assertion.message?.test(message)).length;
  const about = assertion.message === null ? "" : ` matching /${assertion.message.source}/`;
  const { violations } = assertion;
  if (violations === "yes") return matching > 0 ? null : `expected violations${about}, got none`;
  if (violations === "no") return matching === 0 ? null : `expected no violations${about}, got ${matching}: ${messages.join("; ")}`;
  const count = typeof violations === "number" ? violations : Number(violations);
  if (!Number.isInteger(count)) return `invalid assertion violations: ${String(violations)}`;
  return matching === count ? null : `expected ${count} violations${about}, got ${matching}${messages.length > 0 ? `: ${messages.join("; ")}` : ""}`;
}

const message = (error: unknown): string => (error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error));

function runSuite(file: string, report: VerifyReport): void {
  const shown = path.relative(process.cwd(), file) || file;
  const dir = path.dirname(file);
  const push = (name: string, status: VerifyCase["status"], reason: string | null): void => {
    report.cases.push({ file: shown, name, status, reason });
  };
  let suite: unknown;
  try {
    suite = readDocuments(file)[0];
  } catch (error) {
    push(path.basename(file), "error", message(error));
    return;
  }
  if (!isObject(suite) || suite["kind"] !== "Suite") {
    push(path.basename(file), "error", "not a gator Suite (kind: Suite)");
    return;
  }
  const templates = new Map<string, CompiledTemplate | Error>();
  for (const test of Array.isArray(suite["tests"]) ? suite["tests"] : []) {
    if (!isObject(test)) continue;
    const testName = typeof test["name"] === "string" ? test["name"] : "test";
    const cases = (Array.isArray(test["cases"]) ? test["cases"] : []).filter(isObject);
    let template: CompiledTemplate | Error;
    let constraint: Json | Error;
    const templateFile = path.resolve(dir, String(test["template"] ?? ""));
    const cached = templates.get(templateFile);
    if (cached !== undefined) template = cached;
    else {
      try {
        const document = readDocuments(templateFile)[0];
        if (!isObject(document)) throw new Error(`no template in ${String(test["template"])}`);
        template = compileTemplate(document, path.relative(process.cwd(), templateFile));
      } catch (error) {
        template = new Error(message(error));
      }
      templates.set(templateFile, template);
    }
    try {
      const document = readDocuments(path.resolve(dir, String(test["constraint"] ?? "")))[0];
      if (!isObject(document)) throw new Error(`no constraint in ${String(test["constraint"])}`);
      constraint = document;
    } catch (error) {
      constraint = new Error(message(error));
    }
    for (const entry of cases) {
      const name = `${testName}/${typeof entry["name"] === "string" ? entry["name"] : "case"}`;
      if (template instanceof Error) {
        push(name, "error", template.message);
        continue;
      }
      if (template.unsupported !== null) {
        push(name, "error", template.unsupported);
        continue;
      }
      if (template.error !== null) {
        push(name, "error", template.error);
        continue;
      }
      if (constraint instanceof Error) {
        push(name, "error", constraint.message);
        continue;
      }
      try {
        const objects = readDocuments(path.resolve(dir, String(entry["object"] ?? ""))).filter(isObject);
        const inventoryObjects = (Array.isArray(entry["inventory"]) ? entry["inventory"] : []).flatMap((inventoryFile) => readDocuments(path.resolve(dir, String(inventoryFile))));
        const listed = inventoryObjects.flatMap((object) => (isObject(object) && Array.isArray(object["items"]) && String(object["kind"]).endsWith("List") ? object["items"] : [object]));
        const inventory = buildInventory(listed);
        const namespaces = namespacesOf(listed);
        const messages: string[] = [];
        for (const object of objects.length === 0 ? [] : [objects[0] as Json]) {
          messages.push(...evaluateConstraint(template, constraint, reviewOf(object), inventory, namespaces).map((violation) => violation.msg));
        }
        const failures = assertionsOf(entry["assertions"]).map((assertion) => checkAssertion(assertion, messages)).filter((reason): reason is string => reason !== null);
        push(name, failures.length === 0 ? "pass" : "fail", failures.length === 0 ? null : failures.join("; "));
      } catch (error) {
        push(name, "error", message(error));
      }
    }
  }
}

/** Runs every case of the given suite files (or folders of them), like `gator verify`. */
export function policyVerify(paths: readonly string[]): VerifyReport {
  const report: VerifyReport = { total: 0, passed: 0, failed: 0, errored: 0, cases: [] };
  for (const file of findSuites(paths.length === 0 ? ["."] : paths)) runSuite(file, report);
  report.total = report.cases.length;
  report.passed = report.cases.filter((entry) => entry.status === "pass").length;
  report.failed = report.cases.filter((entry) => entry.status === "fail").length;
  report.errored = report.cases.filter((entry) => entry.status === "error").length;
  return report;
}
