// The detail pane's content as styled lines: the finding, its source snippet, its rule's docs, its object's render diff.
import { explainRule, type ChangedObject, type EnvironmentDiff, type Finding, type GateResult } from "@mergegate/core";
import { truncate, wrap } from "./text.js";
import { resourceLabel, type GroupRow, type Row } from "./tree.js";

export type LineStyle = "plain" | "heading" | "dim" | "error" | "warning" | "info" | "marked" | "added" | "removed" | "changed";

export interface DetailLine {
  text: string;
  style: LineStyle;
}

export interface DetailSources {
  /** The lines of a file named as in a finding's location, or null when it cannot be read. */
  lines(file: string): string[] | null;
  /** A rule's documentation as `mergegate explain` prints it, or null for a rule without docs. */
  docs(rule: string): string | null;
}

/** `mergegate explain`'s text for a rule. */
export function ruleDocs(rule: string): string | null {
  const meta = explainRule(rule);
  return meta === undefined ? null : `${meta.id}  (default severity: ${meta.severity})\n\n${meta.description}\n\n${meta.docs}\n\nMore: ${meta.helpUri}`;
}

/** Lines shown above and below the offending line. */
const snippetContext = 2;

export function detailLines(row: Row | null, result: GateResult, options: { width: number; showDiff: boolean }, given: DetailSources): DetailLine[] {
  // source lines are redacted whole, before any is cut to the pane's width
  const sources: DetailSources = { ...given, lines: (file) => given.lines(file)?.map(result.redact) ?? null };
  const lines = row === null ? [{ text: "no findings match", style: "dim" as const }] : row.kind === "group" ? groupLines(row, result, options.width, sources) : findingLines(row.finding, result, options, sources);
  return lines.map((line) => ({ ...line, text: result.redact(line.text) }));
}

function findingLines(finding: Finding, result: GateResult, options: { width: number; showDiff: boolean }, sources: DetailSources): DetailLine[] {
  const { width } = options;
  const lines: DetailLine[] = [{ text: truncate(`${finding.severity.toUpperCase()}  ${finding.rule}  [${finding.env ?? "every environment"}]`, width), style: finding.severity }];
  const where = finding.location === null ? "(no location)" : `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
  lines.push({ text: truncate(finding.resource === null ? where : `${where} · ${resourceLabel(finding.resource)}`, width), style: "dim" });
  if (finding.suppression !== null) {
    const { kind, owner, expires, reason } = finding.suppression;
    const how = [kind, owner === null ? null : `owner ${owner}`, expires === null ? null : `until ${expires}`].filter((part) => part !== null).join(", ");
    lines.push(...text(`suppressed (${how})${reason === null ? "" : `: ${reason}`}`, width, "dim"));
  }
  lines.push(...text(finding.message, width, "plain"));
  const diff = objectDiff(finding, result);
  if (options.showDiff) return [...lines, blank, { text: "Render diff", style: "heading" }, ...diffLines(diff, result, width)];
  // the source comes right after the message, without a heading, so that it fits the pane at 80×24
  if (finding.location !== null) lines.push(blank, ...snippet(sources.lines(finding.location.file), finding.location.line, width));
  if (diff.kind === "changed") lines.push(blank, { text: `d: render diff (${diff.object.changes.length} changed field${diff.object.changes.length === 1 ? "" : "s"})`, style: "dim" });
  const docs = sources.docs(finding.rule);
  lines.push(blank, { text: "Rule", style: "heading" }, ...text(docs ?? finding.help ?? `no documentation for ${finding.rule}`, width, "plain"));
  return lines;
}

function groupLines(row: GroupRow, result: GateResult, width: number, sources: DetailSources): DetailLine[] {
  const { error, warning, info, suppressed } = row.counts;
  const lines: DetailLine[] = [
    { text: truncate(row.label, width), style: "heading" },
    { text: `${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info, ${suppressed} suppressed`, style: "plain" },
  ];
  if (row.key.startsWith("e:") && row.depth === 0) {
    const env = result.verdict.environments.find((candidate) => `e:${candidate.name}` === row.key);
    if (env !== undefined) {
      const statusLine = env.status === "skipped" ? { text: "skipped: not checked, does not count toward the verdict", style: "warning" as const } : { text: `${env.status} (fails on ${env.failOn})`, style: env.status === "pass" ? ("plain" as const) : ("error" as const) };
      lines.push(blank, statusLine);
      lines.push({ text: truncate(`path ${env.path} · renderer ${env.renderer}`, width), style: "dim" });
      if (env.skippedReason !== null) lines.push(...text(`skipped: ${env.skippedReason}`, width, "warning"));
    }
    const envDiff = result.diff?.environments.find((candidate) => `e:${candidate.env}` === row.key);
    if (envDiff !== undefined) lines.push(blank, ...environmentDiffLines(envDiff, width));
  }
  if (row.key.startsWith("u:")) lines.push(blank, ...text(sources.docs(row.label) ?? `no documentation for ${row.label}`, width, "plain"));
  return [...lines, blank, { text: "enter/→ expands, ← collapses", style: "dim" }];
}

type ObjectDiff =
  | { kind: "no-base" }
  | { kind: "no-object" }
  | { kind: "added" }
  | { kind: "unchanged" }
  | { kind: "changed"; object: ChangedObject };

function objectDiff(finding: Finding, result: GateResult): ObjectDiff {
  if (result.diff === null) return { kind: "no-base" };
  const resource = finding.resource;
  if (resource === null) return { kind: "no-object" };
  const envDiff = result.diff.environments.find((candidate) => candidate.env === finding.env);
  const same = (key: typeof resource): boolean => key.kind === resource.kind && key.namespace === resource.namespace && key.name === resource.name;
  if (envDiff?.added.some(same)) return { kind: "added" };
  const object = envDiff?.changed.find((candidate) => same(candidate.ref));
  return object === undefined ? { kind: "unchanged" } : { kind: "changed", object };
}

function diffLines(diff: ObjectDiff, result: GateResult, width: number): DetailLine[] {
  const base = result.diff === null ? "" : `${result.diff.base.ref}${result.diff.base.commit === null ? "" : ` (${result.diff.base.commit.slice(0, 8)})`}`;
  switch (diff.kind) {
    case "no-base":
      return text("no render diff: start the review with --base REF to compare with a base", width, "dim");
    case "no-object":
      return text("this finding is not about one object", width, "dim");
    case "added":
      return text(`the object is new: it is not in ${base}`, width, "added");
    case "unchanged":
      return text(`the object is unchanged against ${base}`, width, "dim");
    case "changed":
      return changeLines(diff.object, width);
  }
}

function changeLines(object: ChangedObject, width: number): DetailLine[] {
  const lines: DetailLine[] = [];
  if (object.previousName !== null) lines.push({ text: truncate(`renamed from ${object.previousName}`, width), style: "changed" });
  for (const change of object.changes) {
    const value = (side: unknown): string => truncate(JSON.stringify(side) ?? "null", width - 6);
    if (change.before === null) lines.push({ text: truncate(`+ ${change.path}`, width), style: "added" }, { text: `    + ${value(change.after)}`, style: "added" });
    else if (change.after === null) lines.push({ text: truncate(`- ${change.path}`, width), style: "removed" }, { text: `    - ${value(change.before)}`, style: "removed" });
    else lines.push({ text: truncate(`~ ${change.path}`, width), style: "changed" }, { text: `    - ${value(change.before)}`, style: "removed" }, { text: `    + ${value(change.after)}`, style: "added" });
  }
  return lines;
}

function environmentDiffLines(envDiff: EnvironmentDiff, width: number): DetailLine[] {
  const lines: DetailLine[] = [{ text: `render diff: ${envDiff.added.length} added, ${envDiff.removed.length} removed, ${envDiff.changed.length} changed`, style: "heading" }];
  for (const key of envDiff.added) lines.push({ text: truncate(`+ ${resourceLabel(key)}`, width), style: "added" });
  for (const key of envDiff.removed) lines.push({ text: truncate(`- ${resourceLabel(key)}`, width), style: "removed" });
  for (const object of envDiff.changed) lines.push({ text: truncate(`~ ${resourceLabel(object.ref)} (${plural(object.changes.length, "field")})`, width), style: "changed" });
  return lines;
}

function snippet(source: string[] | null, line: number, width: number): DetailLine[] {
  if (source === null) return [{ text: "(the file cannot be read)", style: "dim" }];
  const first = Math.max(1, line - snippetContext);
  const last = Math.min(source.length, line + snippetContext);
  const digits = String(last).length;
  const lines: DetailLine[] = [];
  for (let number = first; number <= last; number++) {
    const marked = number === line;
    const content = (source[number - 1] ?? "").replace(/\t/g, "  ");
    lines.push({ text: truncate(`${marked ? ">" : " "} ${String(number).padStart(digits)} │ ${content}`, width), style: marked ? "marked" : "dim" });
  }
  return lines;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

const blank: DetailLine = { text: "", style: "plain" };

function text(value: string, width: number, style: LineStyle): DetailLine[] {
  return wrap(value, width).map((line) => ({ text: line, style }));
}
