// `mergegate diff --format markdown`: a table of counts per environment, then each environment's objects in
// <details>, each changed object with its field table and its unified YAML diff — the YAML diffs within the size
// budget, those that do not fit named in the truncation note.
import type { ChangedObject, RenderDiff } from "../../diff/render-diff.js";
import { markdownBudget, truncationNote } from "../truncation.js";
import { plural } from "../words.js";
import { changePath, countsText, kindSummary, objectLabel, sideLabel, valueText, yamlDiffLines } from "./summary.js";

/** Text inside a table cell or inline code: no pipes, no newlines, no backticks breaking out. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ").replace(/`/g, "ˋ");
}

/** A fenced `diff` block indented into a list item, its fence longer than any backtick run inside. */
function diffBlock(lines: readonly string[]): string {
  const longestRun = Math.max(0, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [`${fence}diff`, ...lines, fence].map((line) => `  ${line}`).join("\n");
}

function changedLines(changed: ChangedObject): string[] {
  const renamed = changed.previousName === null ? "" : ` (was \`${cell(changed.previousName)}\`)`;
  const lines = [`- ✏️ changed \`${cell(objectLabel(changed.ref))}\`${renamed}`, "", "  | field | before | after |", "  | --- | --- | --- |"];
  for (const change of changed.changes) {
    lines.push(`  | \`${cell(changePath(change))}\` | \`${cell(valueText(change.before, 80))}\` | \`${cell(valueText(change.after, 80))}\` |`);
  }
  return lines;
}

/** Room kept for the truncation note. */
const noteReserve = 300;
/** Shorter than any YAML diff block (its fences, `---`, `+++` and one hunk header). */
const smallestBlock = 40;

/**
 * The diff as markdown in at most `maxLength` characters as far as the YAML diffs go (the tables are always whole):
 * YAML diffs are kept in order while they fit; `omitted` names those left out, null when none was.
 */
export function diffMarkdown(diff: RenderDiff, maxLength: number): { text: string; omitted: string | null } {
  const parts: (string | { yaml: () => string })[] = [
    `### mergegate diff: \`${cell(sideLabel(diff.base))}\` → \`${cell(sideLabel(diff.head))}\``,
    "",
    "| environment | added | removed | changed | by kind |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  for (const envDiff of diff.environments) {
    parts.push(`| ${cell(envDiff.env)} | ${envDiff.added.length} | ${envDiff.removed.length} | ${envDiff.changed.length} | ${cell(kindSummary(envDiff))} |`);
  }
  for (const envDiff of diff.environments) {
    if (envDiff.added.length + envDiff.removed.length + envDiff.changed.length === 0) continue;
    parts.push("", `<details><summary><b>${cell(envDiff.env)}</b>: ${countsText(envDiff)}</summary>`, "");
    for (const key of envDiff.added) parts.push(`- ➕ added \`${cell(objectLabel(key))}\``);
    for (const key of envDiff.removed) parts.push(`- ➖ removed \`${cell(objectLabel(key))}\``);
    for (const changed of envDiff.changed) {
      parts.push(...changedLines(changed), "", { yaml: () => diffBlock(yamlDiffLines(diff, changed)) });
    }
    parts.push("</details>");
  }
  let room = maxLength - noteReserve - parts.reduce<number>((length, part) => length + (typeof part === "string" ? part.length + 1 : 0), 0);
  let omitted = 0;
  const lines: string[] = [];
  for (const part of parts) {
    if (typeof part === "string") {
      lines.push(part);
      continue;
    }
    const yaml = room > smallestBlock ? part.yaml() : null; // not made when it could not fit
    if (yaml !== null && yaml.length + 2 <= room) {
      lines.push(yaml, "");
      room -= yaml.length + 2;
    } else omitted++;
  }
  return { text: lines.join("\n") + "\n", omitted: omitted === 0 ? null : plural(omitted, "YAML diff") };
}

export function formatDiffMarkdown(diff: RenderDiff, maxLength = markdownBudget): string {
  const { text, omitted } = diffMarkdown(diff, maxLength);
  return omitted === null ? text : `${text}\n${truncationNote([omitted], maxLength, "Run `mergegate diff` locally for everything.")}\n`;
}
