// The `text` format: findings grouped by environment and file, `file:line:col  severity  rule  message`, a summary line.
import type { Finding, GateResult, Severity } from "../types.js";
import { plural, shortCounts } from "./words.js";

export interface TextOptions {
  color: boolean;
  /** Hide suppressed findings (`--quiet`). */
  quiet: boolean;
}

/** Control characters and bidirectional overrides, which could forge lines or reorder what a terminal shows. */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Text as it may be printed: every unsafe character written as an escape (`\n`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(unsafe, (character) => named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const colors = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m", bold: "\u001b[1m", dim: "\u001b[2m", reset: "\u001b[0m" };

interface Group {
  finding: Finding;
  envs: string[];
}

/** Identical findings in several environments print once, with all their environments. */
function groupAcrossEnvironments(findings: readonly Finding[], envOrder: readonly string[]): Map<string, Group[]> {
  const byIdentity = new Map<string, Group>();
  for (const finding of findings) {
    const identity = JSON.stringify([finding.rule, finding.severity, finding.message, finding.location, finding.resource, finding.suppression]);
    const group = byIdentity.get(identity);
    if (group === undefined) byIdentity.set(identity, { finding, envs: finding.env === null ? [] : [finding.env] });
    else if (finding.env !== null) group.envs.push(finding.env);
  }
  const sections = new Map<string, Group[]>();
  for (const group of byIdentity.values()) {
    group.envs.sort((a, b) => envOrder.indexOf(a) - envOrder.indexOf(b));
    const title = group.envs.length === 0 ? "files" : group.envs.join(", ");
    const section = sections.get(title);
    if (section === undefined) sections.set(title, [group]);
    else section.push(group);
  }
  return sections;
}

export function formatText(result: GateResult, options: TextOptions): string {
  const paint = (color: keyof typeof colors, text: string): string => (options.color ? colors[color] + text + colors.reset : text);
  const severityText = (severity: Severity): string => paint(severity, severity.padEnd(7));
  const envOrder = result.verdict.environments.map((env) => env.name);
  const lines: string[] = [];
  const active = result.findings.filter((finding) => finding.suppression === null);
  const suppressed = result.findings.filter((finding) => finding.suppression !== null);
  for (const [title, groups] of groupAcrossEnvironments(active, envOrder)) {
    lines.push(paint("bold", printable(title)));
    let previousFile: string | null = null;
    for (const { finding } of groups) {
      const file = finding.location?.file ?? "";
      if (previousFile !== null && file !== previousFile) lines.push("");
      previousFile = file;
      const where = finding.location === null ? "(no location)" : `${file}:${finding.location.line}:${finding.location.column}`;
      const existing = finding.baselineState === "unchanged" ? paint("dim", "  (unchanged: the base has it too)") : "";
      lines.push(`  ${printable(where)}  ${severityText(finding.severity)}  ${printable(finding.rule)}  ${printable(finding.message)}${existing}`);
    }
    lines.push("");
  }
  if (!options.quiet && suppressed.length > 0) {
    lines.push(paint("dim", "suppressed"));
    for (const { finding, envs } of [...groupAcrossEnvironments(suppressed, envOrder).values()].flat()) {
      const where = finding.location === null ? "(no location)" : `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
      const how = finding.suppression === null ? "" : describeSuppression(finding.suppression);
      const scope = envs.length === 0 ? "" : ` [${envs.join(", ")}]`;
      lines.push(paint("dim", printable(`  ${where}  ${finding.severity.padEnd(7)}  ${finding.rule}  ${finding.message}${scope} — ${how}`)));
    }
    lines.push("");
  }
  lines.push(summary(result, paint));
  return lines.join("\n") + "\n";
}

function describeSuppression(suppression: NonNullable<Finding["suppression"]>): string {
  const parts: string[] = [suppression.kind];
  if (suppression.owner !== null) parts.push(`owner ${suppression.owner}`);
  if (suppression.expires !== null) parts.push(`until ${suppression.expires}`);
  return parts.join(", ") + (suppression.reason === null ? "" : `: ${suppression.reason}`);
}

function summary(result: GateResult, paint: (color: keyof typeof colors, text: string) => string): string {
  const { verdict } = result;
  const { error, warning, info, suppressed, unchanged } = verdict.counts;
  const entries = verdict.environments.map((env) => `${env.name} ${env.status}`);
  if (verdict.files.status === "fail") entries.push(`files ✖ ${shortCounts(verdict.files.counts)}`);
  const status = verdict.status === "pass" ? paint("bold", "✔ pass") : paint("error", "✖ " + verdict.status);
  const envs = entries.length === 0 ? "" : ` (${entries.join(", ")})`;
  const lines = [`${status}: ${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info, ${suppressed} suppressed — ${plural(verdict.environments.length, "environment")}${envs}`];
  if (unchanged > 0) lines.push(`${plural(unchanged, "existing finding")} left aside (--new-only: the base has ${unchanged === 1 ? "it" : "them"} too)`);
  for (const env of verdict.environments) if (env.status === "skipped") lines.push(paint("dim", `${env.name} skipped: ${env.skippedReason ?? "not checked"}`));
  return lines.join("\n");
}
