// mergegate on real public environment repos (../shared/env-repos): a verdict every time, never a crash or a gate error.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { hasShared, hasTool, sharedRoot } from "./support/tools.js";

const available = hasShared() && hasTool("kubectl");
const repos = available ? readdirSync(path.join(sharedRoot, "env-repos"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];

interface JsonReport {
  verdict: { exitCode: number };
  environments: { name: string }[];
  findings: { rule: string; env: string | null; location: { file: string; line: number } | null }[];
}

describe.runIf(available)("real environment repos", () => {
  it("has the four repos", () => {
    expect(repos).toEqual(expect.arrayContaining(["argo-rollouts", "flux2-kustomize-helm-example", "microservices-demo", "podinfo"]));
  });

  it.each(repos)("%s ends with a verdict (exit 0 or 1)", (repo) => {
    const run = mergegate(["check", path.join(sharedRoot, "env-repos", repo), "--format", "json"]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.verdict.exitCode).toBe(run.code);
    expect(report.environments.length).toBeGreaterThan(0);
  });

  it("podinfo's overlays, whose bases use absent generator files, show render/failed at the generator entry", () => {
    const run = mergegate(["check", path.join(sharedRoot, "env-repos", "podinfo"), "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const failed = report.findings.filter((finding) => finding.rule === "render/failed");
    expect(failed.map((finding) => finding.env).sort()).toEqual(["dev", "production", "staging"]);
    for (const finding of failed) expect(finding.location?.file).toMatch(/^deploy\/bases\/\w+\/kustomization\.yaml$/);
    expect(run.code).toBe(1);
  });
});
