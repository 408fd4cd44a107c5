// A repo policy that does not compile (a parse error, OPA's type checker, an unsafe variable …) is a problem in the
// user's repo, never a gate error: each error becomes a policy/evaluation-error finding at its file:line.
import { CompileErrors, type RegoError, type RegoErrorCode } from "@mergegate/rego";
import type { Report } from "../rule.js";

const reasons: Partial<Record<RegoErrorCode, string>> = {
  rego_parse_error: "policy does not parse",
  rego_type_error: "policy rejected by the type check",
};

/** The findings for a failed compile of the repo's modules: one per error OPA would print. */
export function compileErrorReports(error: RegoError): Report[] {
  const errors = error instanceof CompileErrors && error.errors.length > 0 ? error.errors : [error];
  return errors.map((each) => ({
    message: `${reasons[each.code] ?? "policy does not compile"}: ${each.text.split("\n").map((line) => line.trim()).join(" ")}`,
    env: null,
    location: each.location ? { file: each.location.file, line: each.location.line, column: each.location.col, endLine: each.location.line, endColumn: each.location.col } : null,
  }));
}
