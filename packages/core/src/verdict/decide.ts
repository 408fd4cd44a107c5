// The verdict: which findings count against which environment's threshold, and the exit code.
import type { Counts, Environment, EnvironmentRender, EnvironmentVerdict, FailOn, FilesVerdict, Finding, Severity, Verdict } from "../types.js";

const rank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function meetsThreshold(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "never" && rank[severity] >= rank[failOn];
}

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, info: 0, suppressed: 0, unchanged: 0 };
}

/** Whether a finding counts toward the verdict: not suppressed, and not one the base already had (`--new-only`). */
export function counts(finding: Finding): boolean {
  return finding.suppression === null && finding.baselineState !== "unchanged";
}

function count(findings: readonly Finding[]): Counts {
  const tally = emptyCounts();
  for (const finding of findings) {
    if (finding.suppression !== null) tally.suppressed++;
    else if (finding.baselineState === "unchanged") tally.unchanged++;
    else tally[finding.severity]++;
  }
  return tally;
}

export interface DecideOptions {
  /** `--fail-on`: overrides every environment's failOn and applies to file-level findings. */
  failOn: FailOn | null;
}

export function decide(renders: readonly EnvironmentRender[], findings: readonly Finding[], options: DecideOptions): Verdict {
  const environments: EnvironmentVerdict[] = renders.map(({ env, skippedReason }) => {
    const own = findings.filter((finding) => finding.env === env.name);
    const failOn = options.failOn ?? env.failOn;
    // A skipped environment was not checked: whatever findings name it never count toward the verdict.
    const status = skippedReason !== null ? "skipped" : fails(own, failOn) ? "fail" : "pass";
    return { name: env.name, path: env.path, renderer: env.renderer, status, failOn, counts: count(own), skippedReason, sources: env.sources, production: env.production };
  });
  const fileLevel = findings.filter((finding) => finding.env === null);
  const fileFailOn = options.failOn ?? strictest(renders.map((render) => render.env));
  const files: FilesVerdict = { status: fails(fileLevel, fileFailOn) ? "fail" : "pass", failOn: fileFailOn, counts: count(fileLevel) };
  const failed = environments.some((env) => env.status === "fail") || files.status === "fail";
  const skipped = new Set(environments.filter((env) => env.status === "skipped").map((env) => env.name));
  const counted = findings.filter((finding) => finding.env === null || !skipped.has(finding.env));
  return { status: failed ? "fail" : "pass", exitCode: failed ? 1 : 0, counts: count(counted), environments, files };
}

function fails(findings: readonly Finding[], failOn: FailOn): boolean {
  return findings.some((finding) => counts(finding) && meetsThreshold(finding.severity, failOn));
}

/** File-level findings (a broken file) count against the strictest environment's threshold; "error" when none. */
function strictest(environments: readonly Environment[]): FailOn {
  const order: FailOn[] = ["info", "warning", "error", "never"];
  let best: FailOn = environments.length === 0 ? "error" : "never";
  for (const env of environments) if (order.indexOf(env.failOn) < order.indexOf(best)) best = env.failOn;
  return best;
}
