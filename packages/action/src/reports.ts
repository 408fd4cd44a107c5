// What the Action writes for people — the sticky comment's body and the job summary — from a result or a gate error,
// each within its GitHub limit.
import { formatResult, type GateResult } from "@mergegate/core";
import { bytes, characters, commentLimit, fitted, summaryLimit } from "./limits.js";

/** Why the gate could not run: one line, and the file and line it is about when known (relative to the workspace). */
export interface Failure {
  error: string;
  file: string | null;
  line: number | null;
}

/** The gate's result, or why it could not run. */
export type Outcome = { result: GateResult } | Failure;

/** The markdown report; `linkBase` turns file paths into links to the checked commit; `note` follows the banner. */
function markdown(outcome: Outcome, linkBase: string | undefined, budget: number, note: string | null): string {
  const report = "error" in outcome ? errorMarkdown(outcome.error) : formatResult(outcome.result, "markdown", { color: false, linkBase, maxLength: budget - (note?.length ?? 0) - 2 });
  if (note === null) return report;
  const [banner = "", ...rest] = report.split("\n");
  return [banner, "", note, ...rest].join("\n");
}

function errorMarkdown(message: string): string {
  const quoted = message.split(/\r?\n/).map((line) => `> ${line}`);
  return ["## ⚠️ mergegate: error", "", "The gate could not run, so there is no verdict:", "", ...quoted, ""].join("\n");
}

export function commentBody(outcome: Outcome, marker: string, linkBase: string | undefined, note: string | null = null): string {
  return fitted((budget) => `${marker}\n${markdown(outcome, linkBase, budget - marker.length - 1, note)}`, commentLimit, characters);
}

export function summaryText(outcome: Outcome, linkBase: string | undefined, note: string | null = null): string {
  return fitted((budget) => markdown(outcome, linkBase, budget, note), summaryLimit, bytes);
}
