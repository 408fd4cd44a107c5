// `check --new-only`: a long-standing error in the base does not fail a change that only bumps an image; an error
// the change adds does; the JSON, SARIF and text outputs say which findings are unchanged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

const config = "version: 1\nenvironments:\n  dev: { path: envs/dev, failOn: error }\n  prod: { path: envs/prod, failOn: error }\n";

/** A Deployment whose container runs as root (policy/run-as-non-root) unless `nonRoot`. */
function deployment(name: string, image: string, nonRoot: boolean): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "  namespace: shop",
    "spec:",
    "  replicas: 2",
    "  selector: { matchLabels: { app: " + name + " } }",
    "  template:",
    "    metadata: { labels: { app: " + name + " } }",
    "    spec:",
    ...(nonRoot ? ["      securityContext: { runAsNonRoot: true, runAsUser: 1000 }"] : []),
    "      containers:",
    `        - name: ${name}`,
    `          image: ${image}`,
    "",
  ].join("\n");
}

interface Report {
  verdict: { status: string; counts: { error: number; unchanged: number } };
  findings: { rule: string; env: string | null; baselineState: string | null; resource: { name: string } | null }[];
}

const runAsRoot = (report: Report, name: string) => report.findings.filter((finding) => finding.rule === "policy/run-as-non-root" && finding.resource?.name === name);

describe.runIf(hasTool("git"))("check --new-only", () => {
  let repo: GitRepo;
  beforeEach(() => {
    repo = gitRepo({
      "mergegate.yaml": config,
      "envs/dev/web.yaml": deployment("web", "ghcr.io/acme/web:1.0.0", true),
      // a long-standing error: the prod api runs as root since months
      "envs/prod/api.yaml": deployment("api", "ghcr.io/acme/api:2.0.0", false),
      "envs/prod/web.yaml": deployment("web", "ghcr.io/acme/web:1.0.0", true),
    });
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "change");
  });
  afterEach(() => repo.remove());

  it("passes a change that only bumps an image of the object with the old error, and marks it unchanged", () => {
    repo.write({ "envs/prod/api.yaml": deployment("api", "ghcr.io/acme/api:2.0.1", false) });
    repo.commit("prod: api 2.0.1");
    // --changed-only keeps the old error (its object changed) and fails
    expect(mergegate(["check", repo.root, "--base", "main", "--changed-only"]).code).toBe(1);
    const run = mergegate(["check", repo.root, "--base", "main", "--new-only", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(runAsRoot(report, "api").map((finding) => [finding.env, finding.baselineState])).toEqual([["prod", "unchanged"]]);
    expect(report.verdict.counts.error).toBe(0);
    expect(report.verdict.counts.unchanged).toBeGreaterThanOrEqual(1);
    expect(report.findings.every((finding) => finding.baselineState === "new" || finding.baselineState === "unchanged")).toBe(true);
    const text = mergegate(["check", repo.root, "--base", "main", "--new-only"]);
    expect(text.stdout).toMatch(/^\d+ existing findings? left aside/m);
    const sarif = JSON.parse(mergegate(["check", repo.root, "--base", "main", "--new-only", "--format", "sarif"]).stdout) as { runs: { results: { ruleId: string; baselineState?: string }[] }[] };
    expect(sarif.runs[0]?.results.find((result) => result.ruleId === "policy/run-as-non-root")?.baselineState).toBe("unchanged");
  });

  it("fails when the change adds an error, and only that one is new", () => {
    repo.write({ "envs/prod/web.yaml": deployment("web", "ghcr.io/acme/web:1.1.0", false) });
    repo.commit("prod: web as root");
    const run = mergegate(["check", repo.root, "--base", "main", "--new-only", "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(runAsRoot(report, "web").map((finding) => [finding.env, finding.baselineState])).toEqual([["prod", "new"]]);
    expect(runAsRoot(report, "api").map((finding) => finding.baselineState)).toEqual(["unchanged"]);
    expect(report.verdict.counts.error).toBe(1);
  });

  it("counts an old dev error that the change brings into prod as new", () => {
    repo.write({ "shared/api.yaml": deployment("api", "ghcr.io/acme/api:2.0.0", false), "mergegate.yaml": config.replace("dev: { path: envs/dev", "dev: { path: shared") });
    repo.commit("dev renders shared/");
    repo.git("checkout", "-q", "-B", "main");
    repo.git("checkout", "-q", "-b", "promote");
    repo.write({ "mergegate.yaml": config.replace("dev: { path: envs/dev", "dev: { path: shared").replace("prod: { path: envs/prod", "prod: { path: shared") });
    repo.commit("prod renders shared/ too");
    const run = mergegate(["check", repo.root, "--base", "main", "--new-only", "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(runAsRoot(report, "api").map((finding) => [finding.env, finding.baselineState])).toEqual([
      ["dev", "unchanged"],
      ["prod", "new"],
    ]);
    expect(run.code).toBe(1);
  });

  it("brings a finding back as new when the change drops the waiver that suppressed it in the base", () => {
    repo.git("checkout", "-q", "main");
    repo.write({ ".mergegate/waivers.yaml": "- rule: policy/run-as-non-root\n  env: prod\n  reason: legacy image\n  owner: sre@acme.example\n  expires: 2099-01-01\n" });
    repo.commit("waive api");
    repo.git("checkout", "-q", "-b", "unwaive");
    repo.write({ ".mergegate/waivers.yaml": "[]\n" });
    repo.commit("drop the waiver");
    const run = mergegate(["check", repo.root, "--base", "main", "--new-only", "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(runAsRoot(report, "api").map((finding) => finding.baselineState)).toEqual(["new"]);
    expect(run.code).toBe(1);
  });

  it("leaves baselineState null without --new-only", () => {
    repo.write({ "envs/prod/api.yaml": deployment("api", "ghcr.io/acme/api:2.0.1", false) });
    repo.commit("prod: api 2.0.1");
    const report = JSON.parse(mergegate(["check", repo.root, "--base", "main", "--format", "json"]).stdout) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.baselineState === null)).toBe(true);
  });
});
