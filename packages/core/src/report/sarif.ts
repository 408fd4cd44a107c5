// The `sarif` format: SARIF 2.1.0, one run, rules with help and default level, results with regions,
// partialFingerprints and suppressions — within GitHub's limits (25,000 results, 10 MB), truncating with a note.
import { ruleMetaOf } from "../checks/registry.js";
import type { Finding, GateResult, Severity } from "../types.js";
import { ruleHelpUri } from "./rule-docs.js";

export const sarifLimits = { results: 25_000, bytes: 10 * 1024 * 1024 };

const levels: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function ruleDescriptor(ruleId: string, fallback: Severity) {
  const meta = ruleMetaOf(ruleId);
  const description = meta?.description ?? `Findings of ${ruleId}.`;
  return {
    id: ruleId,
    name: ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_all, next: string | undefined) => (next ?? "").toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: meta?.docs ?? description },
    helpUri: ruleHelpUri(ruleId),
    defaultConfiguration: { level: levels[meta?.severity ?? fallback] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  const location = finding.location;
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: finding.env === null ? finding.message : `${finding.message} (${finding.env})` },
    ...(location === null
      ? {}
      : {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: location.file },
                region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: Math.max(location.endColumn, location.column) },
              },
            },
          ],
        }),
    partialFingerprints: { "mergegate/v1": finding.fingerprint },
    ...(finding.baselineState === null ? {} : { baselineState: finding.baselineState }),
    ...(finding.suppression === null
      ? {}
      : {
          suppressions: [
            {
              kind: finding.suppression.kind === "inline" ? "inSource" : "external",
              status: "accepted",
              ...(finding.suppression.reason === null ? {} : { justification: finding.suppression.reason }),
            },
          ],
        }),
    properties: { environment: finding.env, resource: finding.resource, path: finding.path },
  };
}

export function formatSarif(result: GateResult): string {
  const ordered = [...result.findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const build = (findings: Finding[], note: string | null): string => {
    const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
    const severities = new Map(findings.map((finding) => [finding.rule, finding.severity]));
    const index = new Map(ruleIds.map((id, position) => [id, position]));
    const run = {
      tool: {
        driver: {
          name: "mergegate",
          version: result.tool.version,
          informationUri: "https://mergegate.dev",
          rules: ruleIds.map((id) => ruleDescriptor(id, severities.get(id) ?? "error")),
        },
      },
      invocations: [
        {
          executionSuccessful: true,
          toolExecutionNotifications: note === null ? [] : [{ level: "warning", message: { text: note } }],
        },
      ],
      results: findings.map((finding) => sarifResult(finding, index.get(finding.rule) ?? 0)),
      properties: {
        verdict: result.verdict.status,
        counts: result.verdict.counts,
        environments: result.verdict.environments.map(({ name, status, skippedReason }) => ({ name, status, skippedReason })),
      },
    };
    return JSON.stringify({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [run] }, null, 2) + "\n";
  };
  let kept = ordered.slice(0, sarifLimits.results);
  let text = build(kept, truncationNote(ordered.length, kept.length));
  while (Buffer.byteLength(text) > sarifLimits.bytes && kept.length > 0) {
    kept = kept.slice(0, Math.floor(kept.length * 0.9));
    text = build(kept, truncationNote(ordered.length, kept.length));
  }
  return text;
}

function truncationNote(total: number, kept: number): string | null {
  return kept === total ? null : `truncated: ${total - kept} of ${total} results left out to stay within SARIF upload limits (errors kept first)`;
}
