// The `markdown` format: a verdict banner, counts per environment, a findings table linking file lines (by severity;
// with --new-only the findings the base also has in a folded table of their own),
// the render diff in <details> — within a size budget (PR comments hold 65,536 characters), truncating with a note.
import type { EnvironmentStatus, Finding, GateResult, Severity } from "../types.js";
import { counts } from "../verdict/decide.js";
import { plural } from "./words.js";
import { diffMarkdown } from "./diff/markdown.js";
import { markdownBudget, truncationNote } from "./truncation.js";

export { markdownBudget } from "./truncation.js";

export interface MarkdownOptions {
  /** Prefix that turns a file path into a link, e.g. `https://github.com/o/r/blob/<sha>/`. */
  linkBase?: string;
  /** Size budget in characters. */
  maxLength?: number;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const statusCells: Record<EnvironmentStatus, string> = { pass: "✅ pass", fail: "❌ fail", error: "⚠️ error", skipped: "⏭️ skipped" };

const icons = { error: "🔴 error", warning: "🟡 warning", info: "🔵 info" } as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function where(finding: Finding, linkBase: string | undefined): string {
  const location = finding.location;
  if (location === null) return "—";
  const label = `${location.file}:${location.line}`;
  return linkBase === undefined ? `\`${cell(label)}\`` : `[\`${cell(label)}\`](${linkBase}${location.file.split("/").map(encodeURIComponent).join("/")}#L${location.line})`;
}

/** Identical findings in several environments are one row. */
function rows(findings: readonly Finding[], linkBase: string | undefined): string[] {
  const grouped = new Map<string, { finding: Finding; envs: string[] }>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.rule, finding.message, finding.location, finding.severity]);
    const group = grouped.get(key) ?? { finding, envs: [] };
    if (finding.env !== null) group.envs.push(finding.env);
    grouped.set(key, group);
  }
  const bySeverity = [...grouped.values()].sort((a, b) => severityRank[a.finding.severity] - severityRank[b.finding.severity]);
  return bySeverity.map(({ finding, envs }) => {
    const suppressed = finding.suppression === null ? "" : ` _(${finding.suppression.kind}${finding.suppression.reason ? `: ${cell(finding.suppression.reason)}` : ""})_`;
    return `| ${icons[finding.severity]} | \`${finding.rule}\` | ${where(finding, linkBase)} | ${envs.join(", ") || "—"} | ${cell(finding.message)}${suppressed} |`;
  });
}

export function formatMarkdown(result: GateResult, options: MarkdownOptions = {}): string {
  const budget = options.maxLength ?? markdownBudget;
  const { verdict } = result;
  const banner = verdict.status === "pass" ? "## ✅ mergegate: pass" : verdict.status === "fail" ? "## ❌ mergegate: fail" : "## ⚠️ mergegate: error";
  const { error, warning, info, suppressed, unchanged } = verdict.counts;
  const files = verdict.files;
  const skipped = verdict.environments.filter((env) => env.status === "skipped");
  const head = [
    banner,
    "",
    `**${plural(error, "error")} · ${plural(warning, "warning")} · ${info} info · ${suppressed} suppressed** in ${plural(verdict.environments.length, "environment")}`,
    ...(unchanged > 0 ? ["", `${plural(unchanged, "existing finding")} left aside: the base has ${unchanged === 1 ? "it" : "them"} too (\`--new-only\`).`] : []),
    "",
    "| environment | status | fail on | errors | warnings | info | suppressed |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ...verdict.environments.map((env) => `| ${cell(env.name)} | ${statusCells[env.status]} | ${env.failOn} | ${env.counts.error} | ${env.counts.warning} | ${env.counts.info} | ${env.counts.suppressed} |`),
    ...(files.status === "fail" ? [`| files | ❌ fail | ${files.failOn} | ${files.counts.error} | ${files.counts.warning} | ${files.counts.info} | ${files.counts.suppressed} |`] : []),
    ...(skipped.length > 0 ? ["", ...skipped.map((env) => `- ⏭️ **${cell(env.name)}** skipped: ${cell(env.skippedReason ?? "not checked")}`)] : []),
  ];
  const active = rows(result.findings.filter(counts), options.linkBase);
  const existing = rows(result.findings.filter((finding) => finding.suppression === null && finding.baselineState === "unchanged"), options.linkBase);
  const quiet = rows(result.findings.filter((finding) => finding.suppression !== null), options.linkBase);
  const tableHead = ["| severity | rule | where | environments | message |", "| --- | --- | --- | --- | --- |"];
  const sections: Section[] = [];
  if (active.length > 0) sections.push({ lines: ["", "### Findings", "", ...tableHead, ...active] });
  if (existing.length > 0) sections.push({ lines: ["", `<details><summary>${existing.length} existing (unchanged: the base has them too)</summary>`, "", ...tableHead, ...existing], close: ["", "</details>"] });
  if (quiet.length > 0) sections.push({ lines: ["", `<details><summary>${quiet.length} suppressed</summary>`, "", ...tableHead, ...quiet], close: ["", "</details>"] });
  if (result.diff !== null) {
    const diff = result.diff;
    sections.push({
      lines: [],
      whole: "the render diff",
      build: (room) => {
        const open = ["", "<details><summary>Render diff</summary>", ""];
        const close = ["", "</details>"];
        const rendered = diffMarkdown(diff, room - [...open, ...close].join("\n").length - 2);
        return { lines: [...open, rendered.text.trimEnd(), ...close], omitted: rendered.omitted };
      },
    });
  }
  return fit(head, sections, budget);
}

interface Section {
  lines: string[];
  /** Lines that end the section whenever it is begun, even when rows were cut (within the reserve). */
  close?: string[];
  /** Set for a section shown whole or not at all: its name in the truncation note. */
  whole?: string;
  /** A whole section that fits itself to the room left: its lines, and what it left out (for the note). */
  build?: (room: number) => { lines: string[]; omitted: string | null };
}

/** Adds lines while they fit the budget; rows and whole sections that do not fit are named in a closing note. */
function fit(head: string[], sections: Section[], budget: number): string {
  const out = [...head];
  let length = out.join("\n").length;
  let dropped = 0;
  const omitted: string[] = [];
  const reserve = 300;
  const fits = (text: string): boolean => dropped === 0 && length + text.length + 1 <= budget - reserve;
  const add = (text: string): void => {
    out.push(text);
    length += text.length + 1;
  };
  for (const section of sections) {
    if (section.whole !== undefined) {
      const built = section.build?.(budget - reserve - length - 1) ?? { lines: section.lines, omitted: null };
      const text = built.lines.join("\n");
      if (!fits(text)) omitted.push(section.whole);
      else {
        add(text);
        if (built.omitted !== null) omitted.push(built.omitted);
      }
      continue;
    }
    let begun = false;
    for (const line of section.lines) {
      if (fits(line)) {
        add(line);
        begun = true;
      } else if (line.startsWith("| ") && !line.startsWith("| ---") && !line.startsWith("| severity")) dropped++;
    }
    if (begun) for (const line of section.close ?? []) add(line);
  }
  const left = [...(dropped > 0 ? [`${dropped} more row${dropped === 1 ? "" : "s"}`] : []), ...omitted];
  if (left.length > 0) out.push("", truncationNote(left, budget, "Run `mergegate check` locally or see the SARIF report for everything."));
  return out.join("\n") + "\n";
}
