// The rules the suppression model itself reports: a reason missing, a suppression matching nothing, a waiver expired.
import type { RuleMeta } from "../../checks/rule.js";
import type { Finding, Location, Severity } from "../../types.js";
import { fingerprintOf } from "../fingerprint.js";

export const missingReason: RuleMeta = {
  id: "suppression/missing-reason",
  severity: "warning",
  description: "An inline allow has no reason.",
  docs: "Write why the finding is accepted after ` -- `: `# mergegate:allow <rule-id|check> -- <reason>`.",
};

export const unused: RuleMeta = {
  id: "suppression/unused",
  severity: "info",
  description: "An inline allow, waiver or baseline entry matches no finding.",
  docs: "Remove it: the problem it accepted is gone. `mergegate baseline prune` drops unused baseline entries. With --strict-suppressions this is an error.",
};

export const expired: RuleMeta = {
  id: "waiver/expired",
  severity: "warning",
  description: "A waiver is past its expiry date and no longer applies.",
  docs: "Fix the finding it waived, or renew the waiver with a new `expires` date and a reason that still holds.",
};

export const suppressionRules: readonly RuleMeta[] = [missingReason, unused, expired];

/** A finding about a suppression, at its own line. */
export function suppressionFinding(meta: RuleMeta, location: Location, message: string, severity: Severity = meta.severity): Finding {
  return {
    check: meta.id.split("/")[0] ?? meta.id,
    rule: meta.id,
    severity,
    message,
    env: null,
    resource: null,
    location,
    path: null,
    help: meta.docs,
    fingerprint: fingerprintOf(meta.id, location.file, null, `${location.line}:${message}`),
    suppression: null,
    baselineState: null,
  };
}
