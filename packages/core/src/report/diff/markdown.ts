// `mergegate diff --format markdown`: a table of counts per environment, then each environment's objects in <details>.
import type { RenderDiff } from "../../diff/render-diff.js";
import { changePath, countsText, kindSummary, objectLabel, sideLabel, valueText } from "./summary.js";

/** Text inside a table cell or inline code: no pipes, no newlines, no backticks breaking out. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ").replace(/`/g, "ˋ");
}

export function formatDiffMarkdown(diff: RenderDiff): string {
  const lines = [
    `### mergegate diff: \`${cell(sideLabel(diff.base))}\` → \`${cell(sideLabel(diff.head))}\``,
    "",
    "| environment | added | removed | changed | by kind |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  for (const envDiff of diff.environments) {
    lines.push(`| ${cell(envDiff.env)} | ${envDiff.added.length} | ${envDiff.removed.length} | ${envDiff.changed.length} | ${cell(kindSummary(envDiff))} |`);
  }
  for (const envDiff of diff.environments) {
    if (envDiff.added.length + envDiff.removed.length + envDiff.changed.length === 0) continue;
    lines.push("", `<details><summary><b>${cell(envDiff.env)}</b>: ${countsText(envDiff)}</summary>`, "");
    for (const key of envDiff.added) lines.push(`- ➕ added \`${cell(objectLabel(key))}\``);
    for (const key of envDiff.removed) lines.push(`- ➖ removed \`${cell(objectLabel(key))}\``);
    for (const changed of envDiff.changed) {
      const renamed = changed.previousName === null ? "" : ` (was \`${cell(changed.previousName)}\`)`;
      lines.push(`- ✏️ changed \`${cell(objectLabel(changed.ref))}\`${renamed}`, "", "  | field | before | after |", "  | --- | --- | --- |");
      for (const change of changed.changes) {
        lines.push(`  | \`${cell(changePath(change))}\` | \`${cell(valueText(change.before, 80))}\` | \`${cell(valueText(change.after, 80))}\` |`);
      }
      lines.push("");
    }
    lines.push("</details>");
  }
  return lines.join("\n") + "\n";
}
