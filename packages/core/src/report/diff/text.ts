// `mergegate diff` as text: per environment the objects added (+), removed (-) and changed (~) with their fields
// and their unified YAML diff.
import type { RenderDiff } from "../../diff/render-diff.js";
import { changePath, countsText, kindSummary, objectLabel, sideLabel, valueText, yamlDiffLines } from "./summary.js";

export function formatDiffText(diff: RenderDiff): string {
  const lines = [`mergegate diff  ${sideLabel(diff.base)} → ${sideLabel(diff.head)}`, ""];
  for (const envDiff of diff.environments) {
    lines.push(`${envDiff.env}: ${countsText(envDiff)}`);
    for (const key of envDiff.added) lines.push(`  + ${objectLabel(key)}`);
    for (const key of envDiff.removed) lines.push(`  - ${objectLabel(key)}`);
    for (const changed of envDiff.changed) {
      const renamed = changed.previousName === null ? "" : ` (was ${changed.previousName})`;
      lines.push(`  ~ ${objectLabel(changed.ref)}${renamed}`);
      for (const change of changed.changes) lines.push(`      ${changePath(change)}: ${valueText(change.before)} → ${valueText(change.after)}`);
      lines.push("", ...yamlDiffLines(diff, changed).map((line) => `      ${line}`), "");
    }
    if (lines[lines.length - 1] !== "") lines.push("");
  }
  const summaries = diff.environments.filter((envDiff) => kindSummary(envDiff) !== "");
  lines.push(summaries.length === 0 ? "no changes in any environment" : "summary");
  for (const envDiff of summaries) lines.push(`  ${envDiff.env}  ${kindSummary(envDiff)}`);
  return lines.join("\n") + "\n";
}
