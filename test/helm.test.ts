// Helm charts inside the repo: an Argo CD Application's chart and a Flux HelmRelease's chart render with
// `helm template` (values files and inline values applied); without helm, an info finding says what was not rendered.
// A stand-in `helm` (test/fixtures/helm-standin) records its arguments and prints fixture manifests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rules, runGate } from "@mergegate/core";
import { mergegate } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { projectRoot } from "./support/tools.js";

const standin = path.join(projectRoot, "test/fixtures/helm-standin");
const foundation = rules.filter((rule) => /^(render|k8s)\//.test(rule.meta.id));

const chart = {
  "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
  "charts/web/values.yaml": "replicaCount: 1\n",
  "charts/web/values-prod.yaml": "replicaCount: 3\n",
  "charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
};

const application = [
  "apiVersion: argoproj.io/v1alpha1",
  "kind: Application",
  "metadata:",
  "  name: web-prod",
  "spec:",
  "  destination: { namespace: shop }",
  "  source:",
  "    repoURL: https://git.example/shop.git",
  "    path: charts/web",
  "    helm:",
  "      releaseName: web",
  "      valueFiles: [values-prod.yaml]",
  "      values: |",
  "        image:",
  "          tag: \"2.0\"",
  "",
].join("\n");

const helmRelease = [
  "apiVersion: helm.toolkit.fluxcd.io/v2",
  "kind: HelmRelease",
  "metadata:",
  "  name: web",
  "  namespace: shop",
  "spec:",
  "  interval: 10m", // required by the Flux CRD, which the schema check validates against (shipped in the package)
  "  chart:",
  "    spec:",
  "      chart: ./charts/web",
  "      valuesFiles: [./charts/web/values-prod.yaml]",
  "      sourceRef: { kind: GitRepository, name: flux-system }",
  "  values:",
  "    replicaCount: 5",
  "",
].join("\n");

describe("helm template with a stand-in helm", () => {
  let folder: string;
  let log: string;
  let repo: TempRepo | null = null;
  const savedPath = process.env["PATH"];
  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), "mergegate-helm-test-"));
    log = path.join(folder, "helm.log");
    process.env["PATH"] = `${standin}${path.delimiter}${savedPath ?? ""}`;
    process.env["MERGEGATE_TEST_HELM_LOG"] = log;
    process.env["MERGEGATE_TEST_HELM_OUTPUT"] = path.join(standin, "output.yaml");
  });
  afterEach(() => {
    repo?.remove();
    repo = null;
    rmSync(log, { force: true });
  });
  afterAll(() => {
    process.env["PATH"] = savedPath;
    rmSync(folder, { recursive: true, force: true });
  });

  it("renders an Argo CD Application's chart with its release, namespace, values files and inline values", async () => {
    repo = writeRepo({ ...chart, "argocd/web-prod.yaml": application });
    const result = await runGate({ repo: repo.root, offline: true, rules: foundation });
    expect(result.verdict.environments.map((env) => [env.name, env.path, env.renderer])).toEqual([["in-cluster", "charts/web", "helm"]]);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "arg template",
      "arg web",
      `arg ${path.join(repo.root, "charts/web")}`,
      "arg --namespace",
      "arg shop",
      "arg --values",
      `arg ${path.join(repo.root, "charts/web/values-prod.yaml")}`,
    ]);
    expect(lines).toContain("values replicaCount: 3");
    expect(lines).toContain('values {"image":{"tag":"2.0"}}');
    const resources = result.render.environments[0]?.resources ?? [];
    expect(resources.map((resource) => [resource.key.kind, resource.origin.file])).toEqual([
      ["Service", "charts/web/templates/service.yaml"],
      ["Deployment", "charts/web/templates/deployment.yaml"],
    ]);
  });

  it("adds the objects of a Flux HelmRelease whose chart is in the repo", async () => {
    repo = writeRepo({ ...chart, "clusters/prod/web.yaml": helmRelease });
    const result = await runGate({ repo: repo.root, offline: true, rules: foundation });
    const prod = result.render.environments.find((envRender) => envRender.env.name === "prod");
    expect(prod?.resources.map((resource) => resource.key.kind)).toEqual(["HelmRelease", "Service", "Deployment"]);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines.slice(0, 3)).toEqual(["arg template", "arg web", `arg ${path.join(repo.root, "charts/web")}`]);
    expect(lines).toContain("values replicaCount: 3");
    expect(lines).toContain('values {"replicaCount":5}');
    expect(result.findings.filter((finding) => finding.check === "render")).toEqual([]);
  });
});

describe("without helm on PATH", () => {
  it("reports each in-repo chart as not rendered (info), at the HelmRelease", () => {
    const repo = writeRepo({ ...chart, "clusters/prod/web.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n" + helmRelease });
    try {
      const run = mergegate(["check", repo.root, "--offline", "--format", "json"], { env: { PATH: path.dirname(process.execPath) } });
      expect(run.code).toBe(0);
      const findings = (JSON.parse(run.stdout) as { findings: { rule: string; severity: string; message: string; location: { file: string; line: number } | null }[] }).findings;
      const notRendered = findings.filter((finding) => finding.rule === "render/not-rendered");
      expect(notRendered).toHaveLength(1);
      expect(notRendered[0]).toMatchObject({ severity: "info", location: { line: 6 } });
      expect(notRendered[0]?.location?.file).toMatch(/clusters\/prod\/web\.yaml$/);
      expect(notRendered[0]?.message).toMatch(/HelmRelease shop\/web is not rendered: helm is not on PATH/);
    } finally {
      repo.remove();
    }
  });
});
