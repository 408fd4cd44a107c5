// A repo policy that OPA's type checker rejects: each rego_type_error becomes a policy/evaluation-error finding at its file:line.
import { CompileErrors, type RegoError } from "@mergegate/rego";
import type { Report } from "../rule.js";

/** The findings for a compile failure made only of type errors; null when it has any other error (a gate error then). */
export function typeErrorReports(error: RegoError): Report[] | null {
  const errors = error instanceof CompileErrors ? error.errors : [error];
  if (errors.length === 0 || errors.some((each) => each.code !== "rego_type_error")) return null;
  return errors.map((each) => ({
    message: `policy rejected by the type check: ${each.text.split("\n").map((line) => line.trim()).join(" ")}`,
    env: null,
    location: each.location ? { file: each.location.file, line: each.location.line, column: each.location.col, endLine: each.location.line, endColumn: each.location.col } : null,
  }));
}
