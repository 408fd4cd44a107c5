// The verdict: which findings count against which environment's threshold, and the exit code.
import type { Counts, Environment, EnvironmentRender, EnvironmentVerdict, FailOn, Finding, Severity, Verdict } from "../types.js";

const rank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function meetsThreshold(severity: Severity, failOn: FailOn): boolean {
  return failOn !== "never" && rank[severity] >= rank[failOn];
}

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, info: 0, suppressed: 0 };
}

function count(findings: readonly Finding[]): Counts {
  const counts = emptyCounts();
  for (const finding of findings) {
    if (finding.suppression !== null) counts.suppressed++;
    else counts[finding.severity]++;
  }
  return counts;
}

export interface DecideOptions {
  /** `--fail-on`: overrides every environment's failOn and applies to file-level findings. */
  failOn: FailOn | null;
}

export function decide(renders: readonly EnvironmentRender[], findings: readonly Finding[], options: DecideOptions): Verdict {
  const environments: EnvironmentVerdict[] = renders.map(({ env, skippedReason }) => {
    const own = findings.filter((finding) => finding.env === env.name);
    const failOn = options.failOn ?? env.failOn;
    return {
      name: env.name,
      path: env.path,
      renderer: env.renderer,
      status: fails(own, failOn) ? "fail" : "pass",
      failOn,
      counts: count(own),
      skippedReason,
      sources: env.sources,
      production: env.production,
    };
  });
  const fileLevel = findings.filter((finding) => finding.env === null);
  const fileFailOn = options.failOn ?? strictest(renders.map((render) => render.env));
  const failed = environments.some((env) => env.status === "fail") || fails(fileLevel, fileFailOn);
  return { status: failed ? "fail" : "pass", exitCode: failed ? 1 : 0, counts: count(findings), environments };
}

function fails(findings: readonly Finding[], failOn: FailOn): boolean {
  return findings.some((finding) => finding.suppression === null && meetsThreshold(finding.severity, failOn));
}

/** File-level findings (a broken file) count against the strictest environment's threshold; "error" when none. */
function strictest(environments: readonly Environment[]): FailOn {
  const order: FailOn[] = ["info", "warning", "error", "never"];
  let best: FailOn = environments.length === 0 ? "error" : "never";
  for (const env of environments) if (order.indexOf(env.failOn) < order.indexOf(best)) best = env.failOn;
  return best;
}
