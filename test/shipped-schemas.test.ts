// The schemas shipped in the package: offline with an empty cache every object of the example is validated (by the
// workspace CLI and by the root bin bundle), a Deployment typo is found, and shipped-schemas/ is what
// scripts/build-schemas.mjs makes from ../shared/k8s-schemas.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { hasShared, hasTool, projectRoot, sharedRoot } from "./support/tools.js";

interface JsonReport {
  findings: { rule: string; message: string; location: { file: string; line: number } | null }[];
}

const emptyCache = mkdtempSync(path.join(os.tmpdir(), "mergegate-empty-cache-"));
afterAll(() => rmSync(emptyCache, { recursive: true, force: true }));

function check(bin: string, repo: string): JsonReport {
  const run = spawnSync(process.execPath, [bin, "check", repo, "--offline", "--format", "json"], {
    env: { ...process.env, XDG_CACHE_HOME: emptyCache, MERGEGATE_OFFLINE: "", NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as JsonReport;
}

const schemaFindings = (report: JsonReport): string[] =>
  report.findings.filter((finding) => finding.rule.startsWith("schema/")).map((finding) => `${finding.rule} ${finding.location?.file ?? "-"}:${finding.location?.line ?? 0}`);

describe.runIf(hasTool("kubectl"))("offline with an empty cache", () => {
  const bins = { workspace: path.join(projectRoot, "packages/cli/bin/mergegate.js"), bundle: path.join(projectRoot, "bin/mergegate.js") };

  for (const [name, bin] of Object.entries(bins)) {
    it(`the ${name} CLI validates every object of the example against the shipped schemas`, () => {
      const report = check(bin, path.join(projectRoot, "examples/acme-gitops"));
      expect(report.findings.map((finding) => finding.rule)).not.toContain("schema/no-source");
      expect(schemaFindings(report)).toEqual(["schema/unknown-field examples/acme-gitops/overlays/staging/checkout-flag.yaml:9"]);
      expect(existsSync(path.join(emptyCache, "mergegate", "schemas"))).toBe(false);
    });
  }

  it("finds the schema errors of a typo in a Deployment and a Rollout", () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), "mergegate-example-"));
    try {
      cpSync(path.join(projectRoot, "examples/acme-gitops"), copy, { recursive: true });
      const deployment = path.join(copy, "apps/api/base/deployment.yaml");
      writeFileSync(deployment, readFileSync(deployment, "utf8").replace("  revisionHistoryLimit: 5\n", "  revisionHistoryLimits: 5\n").replace("type: RollingUpdate", "type: Rolling"));
      const findings = check(bins.workspace, copy).findings.filter((finding) => finding.location?.file === "apps/api/base/deployment.yaml" && finding.rule.startsWith("schema/"));
      const rules = new Set(findings.map((finding) => `${finding.rule} ${finding.location?.line ?? 0}`));
      expect([...rules].sort()).toEqual(["schema/invalid-value 17", "schema/unknown-field 12"]);
      expect(findings.find((finding) => finding.rule === "schema/unknown-field")?.message).toBe('spec.revisionHistoryLimits: unknown field — did you mean "revisionHistoryLimit"?');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("shipped-schemas/", () => {
  const folder = path.join(projectRoot, "shipped-schemas");
  const index = JSON.parse(readFileSync(path.join(folder, "index.json"), "utf8")) as {
    kubernetes: Record<string, { file: string; upstream: string }>;
    crds: Record<string, { file: string; upstream: string }>;
  };

  it("ships the default Kubernetes release, the three before it and each CRD set, with their upstream versions", () => {
    for (const version of ["1.30", "1.31", "1.32", "1.33"]) expect(index.kubernetes[version]?.upstream).toBe(`kubernetes/kubernetes release-${version}`);
    expect(Object.keys(index.crds)).toEqual(["argo-rollouts", "argo-cd", "flagger", "flux", "cert-manager", "sealed-secrets", "external-secrets"]);
    expect(index.crds["argo-rollouts"]?.upstream).toBe("argoproj/argo-rollouts v1.9.1");
    const rollouts = JSON.parse(gunzipSync(readFileSync(path.join(folder, index.crds["argo-rollouts"]?.file ?? ""))).toString("utf8")) as { kinds: Record<string, unknown> };
    expect(Object.keys(rollouts.kinds)).toContain("argoproj.io/v1alpha1/Rollout");
  });

  it.runIf(hasShared() && existsSync(path.join(sharedRoot, "k8s-schemas")))("is what scripts/build-schemas.mjs makes from ../shared/k8s-schemas", () => {
    const before = new Map(readdirSync(folder).map((file) => [file, readFileSync(path.join(folder, file))]));
    const build = spawnSync(process.execPath, [path.join(projectRoot, "scripts/build-schemas.mjs"), "--from", path.join(sharedRoot, "k8s-schemas")], { encoding: "utf8" });
    expect(build.stderr).toBe("");
    const after = new Map(readdirSync(folder).map((file) => [file, readFileSync(path.join(folder, file))]));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true);
  });
});
