// Applies redaction to a gate result's parts where values stand: finding messages and suppression reasons,
// and both sides of every diff change and changed object (Secret data and stringData by marker, every other value by
// its strings).
import type { ChangedObject, RenderDiff } from "../diff/render-diff.js";
import type { Finding } from "../types.js";
import type { Redaction } from "./redact.js";

export function redactFindings(findings: readonly Finding[], redaction: Redaction): Finding[] {
  return findings.map((finding) => ({
    ...finding,
    message: redaction.text(finding.message),
    suppression: finding.suppression === null ? null : { ...finding.suppression, reason: finding.suppression.reason === null ? null : redaction.text(finding.suppression.reason) },
  }));
}

const secretPath = /^\/(data|stringData)(\/|$)/;

export function redactDiff(diff: RenderDiff, redaction: Redaction): RenderDiff {
  return { ...diff, environments: diff.environments.map((envDiff) => ({ ...envDiff, changed: envDiff.changed.map((object) => redactChanged(object, redaction)) })) };
}

function redactChanged(object: ChangedObject, redaction: Redaction): ChangedObject {
  const secret = object.ref.kind === "Secret";
  const side = (path: string, value: unknown): unknown => {
    if (secret && secretPath.test(path)) return redaction.value({ kind: "Secret", data: value }).data;
    return redaction.value(value);
  };
  return {
    ...object,
    changes: object.changes.map((change) => ({ ...change, before: side(change.path, change.before), after: side(change.path, change.after) })),
    objects: { before: redaction.value(object.objects.before), after: redaction.value(object.objects.after) },
  };
}
