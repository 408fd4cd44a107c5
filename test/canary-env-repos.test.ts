// canary/* on the Argo Rollouts project's own examples (../shared/env-repos/argo-rollouts): every finding is explained.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { hasShared, projectRoot, sharedRoot } from "./support/tools.js";

interface JsonFinding {
  rule: string;
  severity: string;
  location: { file: string; line: number } | null;
}

function canaryFindings(configName: string): string[] {
  const repo = path.join(sharedRoot, "env-repos/argo-rollouts");
  const config = path.join(projectRoot, "test/fixtures/canary/argo-rollouts", configName);
  const run = mergegate(["check", repo, "--config", config, "--format", "json"]);
  expect(run.stderr).toBe("");
  expect([0, 1]).toContain(run.code);
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  return report.findings
    .filter((finding) => finding.rule.startsWith("canary/"))
    .map((finding) => `${finding.rule} ${finding.severity} ${finding.location?.file ?? ""}:${finding.location?.line ?? 0}`);
}

describe.runIf(hasShared())("argo-rollouts examples", () => {
  it("in an environment without progressive delivery: only the apisix step with two actions", () => {
    // examples/apisix/rollout.yaml's first step sets both setCanaryScale and setHeaderRoute; Argo Rollouts' validation
    // accepts one action per step ("Step must have one of the following set"), so the controller rejects this Rollout.
    expect(canaryFindings("non-progressive.yaml")).toEqual(["canary/step-actions error examples/apisix/rollout.yaml:20"]);
  });

  it("in a progressive environment: also the gates a production rollout needs", () => {
    expect(canaryFindings("progressive.yaml")).toEqual([
      // The ambassador example's first step sends 30% of traffic to the canary, above the default maxFirstWeight of 25%.
      "canary/first-weight-too-high warning examples/ambassador/rollout.yaml:32",
      "canary/step-actions error examples/apisix/rollout.yaml:20",
      // wrk-tester is the App Mesh example's load generator, a plain Deployment no Rollout manages; without --base it
      // is listed as info only.
      "canary/progressive-required info examples/appmesh/canary-service.yaml:163",
      // The rolling-update example is a canary without steps: Argo Rollouts replaces every pod at once (maxSurge /
      // maxUnavailable) with no pause or analysis, which a progressive environment does not accept.
      "canary/missing-pause error examples/rollout-rolling-update.yaml:27",
    ]);
  });
});
