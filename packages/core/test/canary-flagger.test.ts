import { describe, expect, it } from "vitest";
import { flaggerAnalysis } from "../src/checks/canary/flagger-rules.js";
import { findingsOf } from "./rule-tester.js";

const canary = (analysis: string): string =>
  [
    "apiVersion: flagger.app/v1beta1",
    "kind: Canary",
    "metadata:",
    "  name: podinfo",
    "spec:",
    "  service:",
    "    port: 9898",
    "  analysis:",
    ...analysis.split("\n").map((line) => `    ${line}`),
    "",
  ].join("\n");

async function messages(analysis: string): Promise<string[]> {
  return (await findingsOf(flaggerAnalysis, { files: { "canary.yaml": canary(analysis) } })).map((finding) => `${finding.at} ${finding.message}`);
}

describe("canary/flagger-analysis", () => {
  it("accepts a canary with stepWeight and an A/B test with iterations and match", async () => {
    expect(await messages("interval: 1m\nthreshold: 5\nmaxWeight: 50\nstepWeight: 10")).toEqual([]);
    expect(await messages("interval: 30s\nthreshold: 2\niterations: 10\nmatch:\n  - headers:\n      x-canary:\n        exact: insider")).toEqual([]);
    expect(await messages("interval: 1m\nthreshold: 5\nstepWeights: [1, 10, 50]")).toEqual([]);
  });

  it("reports each unsound setting at its line", async () => {
    expect(await messages("interval: 1m\nthreshold: 0\nmaxWeight: 120\nstepWeight: 10")).toEqual([
      "canary.yaml:10:5 analysis.threshold (failed checks before rollback) must be a number above 0",
      "canary.yaml:11:5 analysis.maxWeight 120 is above 100",
    ]);
    expect(await messages("interval: 1m\nthreshold: 5\nmaxWeight: 20\nstepWeight: 30\niterations: 5")).toEqual([
      "canary.yaml:12:5 analysis.stepWeight 30 is above maxWeight 20",
      "canary.yaml:13:5 analysis sets both stepWeight(s) (canary) and iterations (A/B, blue/green); choose one",
    ]);
    expect(await messages("interval: soon\nthreshold: 5\nstepWeights: [10, 5]\nmatch: []")).toEqual([
      "canary.yaml:9:5 analysis.interval must be a duration such as 1m or 30s",
      "canary.yaml:11:5 analysis.stepWeights must be numbers in ascending order",
      "canary.yaml:12:5 analysis.match (A/B testing) needs iterations",
    ]);
    expect(await messages("interval: 1m\nthreshold: 5")).toEqual([
      "canary.yaml:8:3 analysis sets neither stepWeight(s) for a canary nor iterations for A/B testing or blue/green",
    ]);
  });
});
