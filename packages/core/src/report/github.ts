// The `github` format: workflow commands that become annotations — errors first, at most 10 per type
// (GitHub shows no more per step), then one notice saying how many were left out; findings that do not count
// toward the verdict (suppressed, or unchanged with --new-only) are not annotated.
import type { Finding, GateResult, Severity } from "../types.js";
import { counts } from "../verdict/decide.js";
import { plural } from "./words.js";

export const annotationsPerType = 10;

const commands: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a workflow command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command's property value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(finding: Finding): string {
  const location = finding.location;
  const properties = [
    ...(location === null
      ? []
      : [`file=${escapeProperty(location.file)}`, `line=${location.line}`, `col=${location.column}`, `endLine=${location.endLine}`, `endColumn=${Math.max(location.endColumn, location.column)}`]),
    `title=${escapeProperty(finding.env === null ? finding.rule : `${finding.rule} (${finding.env})`)}`,
  ];
  return `::${commands[finding.severity]} ${properties.join(",")}::${escapeData(finding.message)}`;
}

export function formatGithub(result: GateResult): string {
  // Annotations mark what to act on: findings the base also has (`--new-only`) are only counted in the last line.
  const active = result.findings.filter(counts);
  const lines: string[] = [];
  let leftOut = 0;
  for (const severity of ["error", "warning", "info"] as const) {
    const ofType = active.filter((finding) => finding.severity === severity);
    lines.push(...ofType.slice(0, annotationsPerType).map(annotation));
    leftOut += Math.max(0, ofType.length - annotationsPerType);
  }
  if (leftOut > 0) lines.push(`::notice title=mergegate::${leftOut} more finding${leftOut === 1 ? "" : "s"} not annotated (GitHub shows ${annotationsPerType} per type); see the job summary or the SARIF report`);
  const { error, warning, info, suppressed, unchanged } = result.verdict.counts;
  const existing = unchanged > 0 ? `, ${plural(unchanged, "existing finding")} left aside` : "";
  lines.push(`mergegate: ${result.verdict.status} — ${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info, ${suppressed} suppressed${existing}`);
  return lines.join("\n") + "\n";
}
