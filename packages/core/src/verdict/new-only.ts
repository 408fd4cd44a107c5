// `--new-only`: which findings the change introduces. A finding is "unchanged" when the base's result has an active
// finding with the same environment and fingerprint (fingerprints hold no line numbers, so they match across the
// base and head renders), else "new"; unchanged findings stay in every output but do not count toward the verdict.
import type { BaselineState, Finding } from "../types.js";

/** The identity a finding is compared by: its environment (null for file-level findings) and its fingerprint. */
function identity(finding: Finding): string {
  return `${finding.env ?? ""}\u0000${finding.fingerprint}`;
}

/**
 * Marks each head finding against the base's findings. Base findings that were suppressed in the base do not
 * make a head finding unchanged: dropping a waiver or an inline allow brings its finding back as new.
 */
export function markBaselineState(findings: readonly Finding[], baseFindings: readonly Finding[]): Finding[] {
  const existing = new Set(baseFindings.filter((finding) => finding.suppression === null).map(identity));
  return findings.map((finding) => {
    const baselineState: BaselineState = existing.has(identity(finding)) ? "unchanged" : "new";
    return { ...finding, baselineState };
  });
}
