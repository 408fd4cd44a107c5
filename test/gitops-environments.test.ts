// Environments as the controllers apply them, end to end with kubectl: a Flux cluster whose Flagger Canary and
// MetricTemplate come from different Kustomizations, postBuild variables and targetNamespace, a tenant on another
// branch, one production predicate for policies and canary checks, kustomizeBuildOptions and its allowlist.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rules, runGate, type Finding } from "@mergegate/core";
import { withoutDeprecationWarnings } from "../packages/core/src/render/kustomize-messages.js";
import { mergegate } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

const kubectl = hasTool("kubectl");
const standin = path.join(projectRoot, "test/fixtures/helm-standin");

const flux = (name: string, spec: string): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${spec}`;
const list = (...entries: string[]): string => `resources:\n${entries.map((entry) => `- ${entry}`).join("\n")}\n`;

/** One cluster: infrastructure (Flagger's MetricTemplate) and apps (the Canary that uses it) in two Kustomizations. */
const flaggerCluster: Record<string, string> = {
  "clusters/production/flux-system/gotk-components.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
  "clusters/production/infrastructure.yaml": flux("infrastructure", "  path: ./infrastructure\n"),
  "clusters/production/apps.yaml": flux("apps", "  dependsOn:\n  - name: infrastructure\n  path: ./apps\n  targetNamespace: shop\n  postBuild:\n    substitute:\n      CLUSTER: production\n"),
  "infrastructure/kustomization.yaml": list("latency.yaml"),
  "infrastructure/latency.yaml": "apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata:\n  name: latency\n  namespace: shop\nspec:\n  provider:\n    type: prometheus\n    address: http://prometheus:9090\n  query: histogram_quantile(0.99, rate(x[1m]))\n",
  "apps/kustomization.yaml": list("web.yaml", "canary.yaml"),
  "apps/web.yaml":
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${CLUSTER}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n      - name: web\n        image: registry.example/web:1.0.0\n",
  "apps/canary.yaml":
    "apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata:\n  name: web\nspec:\n  targetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web-${CLUSTER}\n  service:\n    port: 80\n  analysis:\n    interval: 1m\n    threshold: 5\n    maxWeight: 50\n    stepWeight: 10\n    metrics:\n    - name: latency\n      templateRef:\n        name: latency\n      thresholdRange:\n        max: 500\n      interval: 1m\n",
};

function summary(findings: readonly Finding[], prefix: RegExp): string[] {
  return findings.filter((finding) => prefix.test(finding.rule)).map((finding) => `${finding.env ?? "-"} ${finding.rule} ${finding.location?.file ?? ""}:${finding.location?.line ?? 0}`);
}

describe.skipIf(!kubectl)("environments followed from the controllers", () => {
  let repo: TempRepo | null = null;
  afterEach(() => {
    repo?.remove();
    repo = null;
  });

  it("renders a Flux cluster as one environment, so a Canary finds the MetricTemplate of a sibling Kustomization", async () => {
    repo = writeRepo(flaggerCluster);
    const result = await runGate({ repo: repo.root, offline: true, rules: rules.filter((rule) => /^(render|k8s|canary)\//.test(rule.meta.id)) });
    expect(result.verdict.environments.map((env) => [env.name, env.path, env.production])).toEqual([["production", "clusters/production", true]]);
    expect(summary(result.findings, /^(canary\/flagger|k8s|render)/)).toEqual([]);
    const production = result.render.environments[0];
    const web = production?.resources.find((resource) => resource.key.kind === "Deployment");
    expect(web?.key).toEqual({ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web-production" });
    expect(web?.origin.file).toBe("apps/web.yaml");
    expect(production?.resources.map((resource) => resource.key.kind).sort()).toEqual(["Canary", "Deployment", "Kustomization", "Kustomization", "MetricTemplate", "Namespace"]);
  });

  it("reports a tenant synced from another branch as an external source instead of rendering the whole tree", async () => {
    const tenant =
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: team-a\n  namespace: flux-system\nspec:\n  url: https://git.example/shop\n  ref:\n    branch: team-a\n---\n" +
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: team-a\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: team-a\n";
    repo = writeRepo({ ...flaggerCluster, "clusters/production/team-a.yaml": tenant });
    const result = await runGate({ repo: repo.root, offline: true, rules: rules.filter((rule) => /^(render|k8s)\//.test(rule.meta.id)) });
    expect(result.verdict.environments.map((env) => env.name)).toEqual(["production"]);
    expect(summary(result.findings, /./)).toEqual(["- render/external-source clusters/production/team-a.yaml:11"]);
    expect(result.findings[0]?.severity).toBe("info");
    expect(result.findings[0]?.message).toBe("Kustomization flux-system/team-a is not rendered from this tree: its source is GitRepository flux-system/team-a: revision team-a of https://git.example/shop");
  });

  it("gives policies and the canary checks the same production predicate for a detected name", async () => {
    repo = writeRepo({
      "examples/ldap/base/kustomization.yaml": list("web.yaml"),
      "examples/ldap/base/web.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ldap\nspec:\n  replicas: 1\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n      - name: web\n        image: registry.example/web:1.0.0\n",
      "examples/ldap/overlays/production/kustomization.yaml": list("../../base"),
      "examples/web/overlays/production/kustomization.yaml": list("../../../ldap/base"),
    });
    const result = await runGate({ repo: repo.root, offline: true, rules: rules.filter((rule) => ["policy/production-replicas", "canary/progressive-required"].includes(rule.meta.id)) });
    expect(result.verdict.environments.map((env) => [env.name, env.production])).toEqual([
      ["examples/ldap/overlays/production", true],
      ["examples/web/overlays/production", true],
    ]);
    expect(result.findings.map((finding) => `${finding.env} ${finding.rule}`)).toEqual([
      "examples/ldap/overlays/production canary/progressive-required",
      "examples/ldap/overlays/production policy/production-replicas",
      "examples/web/overlays/production canary/progressive-required",
      "examples/web/overlays/production policy/production-replicas",
    ]);
  });

  it("prints environments[].sources and .production in the JSON, and the new info findings in text", () => {
    repo = writeRepo({ ...flaggerCluster, "stray/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: stray\n" });
    const json = mergegate(["check", repo.root, "--offline", "--format", "json"]);
    const output = JSON.parse(json.stdout) as { environments: { name: string; production: boolean; sources: string[] }[]; findings: Finding[] };
    expect(output.environments.map((env) => [env.name, env.production])).toEqual([["production", true]]);
    expect(output.environments[0]?.sources).toEqual([
      "apps/canary.yaml",
      "apps/kustomization.yaml",
      "apps/web.yaml",
      "clusters/production/apps.yaml",
      "clusters/production/flux-system/gotk-components.yaml",
      "clusters/production/infrastructure.yaml",
      "infrastructure/kustomization.yaml",
      "infrastructure/latency.yaml",
    ]);
    expect(output.findings.filter((finding) => finding.rule === "render/uncovered").map((finding) => [finding.location?.file, finding.message])).toEqual([
      ["stray/pod.yaml", "stray holds 1 manifest file that no environment renders, so it is not checked: add it under `environments:` in mergegate.yaml, or to `exclude`"],
    ]);
    const explain = mergegate(["explain", "render/uncovered"]);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain("exclude");
  });
});

describe.skipIf(!kubectl)("kustomizeBuildOptions", () => {
  let repo: TempRepo | null = null;
  const savedPath = process.env["PATH"];
  afterEach(() => {
    repo?.remove();
    repo = null;
    process.env["PATH"] = savedPath;
  });
  const chartApp = {
    "overlays/prod/kustomization.yaml": "helmCharts:\n- name: web\n  releaseName: web\n",
    "overlays/prod/charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
    "overlays/prod/charts/web/values.yaml": "replicaCount: 1\n",
  };
  const config = (options: string): string => `version: 1\nkustomizeBuildOptions: [${options}]\n`;
  const renderRules = rules.filter((rule) => rule.meta.id.startsWith("render/"));

  it("inflates Helm charts with --enable-helm through the helm on PATH", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "mergegate-build-options-"));
    process.env["PATH"] = `${standin}${path.delimiter}${savedPath ?? ""}`;
    process.env["MERGEGATE_TEST_HELM_LOG"] = path.join(folder, "helm.log");
    process.env["MERGEGATE_TEST_HELM_OUTPUT"] = path.join(standin, "output.yaml");
    try {
      repo = writeRepo({ ...chartApp, "mergegate.yaml": config('"--enable-helm"') + "environments:\n  prod: { path: overlays/prod }\n" });
      const result = await runGate({ repo: repo.root, offline: true, rules: renderRules });
      expect(result.findings.map((finding) => finding.rule)).toEqual([]);
      expect(result.render.environments[0]?.resources.map((resource) => `${resource.key.kind}/${resource.key.name}`)).toEqual(["Service/web", "Deployment/web"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses flags outside the allowlist as render/failed, saying why", async () => {
    repo = writeRepo({ ...chartApp, "mergegate.yaml": config('"--enable-helm", "--enable-exec"') });
    const result = await runGate({ repo: repo.root, offline: true, rules: renderRules });
    expect(result.findings.map((finding) => [finding.rule, finding.location?.file, finding.message])).toEqual([
      ["render/failed", "overlays/prod/kustomization.yaml", "kustomize build option --enable-exec is not used: it lets a kustomization run programs on the machine that checks it (the pull request controls this setting)"],
    ]);
  });

  it("uses --load-restrictor LoadRestrictionsNone only when every loaded path stays inside the repository", async () => {
    const files = {
      "shared/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n",
      "overlays/prod/kustomization.yaml": list("../../shared/web.yaml"),
      "mergegate.yaml": config('"--load-restrictor LoadRestrictionsNone"'),
    };
    repo = writeRepo(files);
    const inside = await runGate({ repo: repo.root, offline: true, rules: renderRules });
    expect(inside.findings).toEqual([]);
    expect(inside.render.environments[0]?.resources.map((resource) => resource.key.name)).toEqual(["web"]);
    repo.remove();
    repo = writeRepo({ ...files, "overlays/prod/kustomization.yaml": list("../../shared/web.yaml") + "configMapGenerator:\n- name: leak\n  files:\n  - ../../../../etc/hostname\n" });
    const outside = await runGate({ repo: repo.root, offline: true, rules: renderRules });
    expect(outside.findings.map((finding) => finding.message)).toEqual([
      "--load-restrictor LoadRestrictionsNone is not used: ../../../../etc/hostname (in overlays/prod/kustomization.yaml) leaves the repository",
    ]);
  });

  it("takes argocd-cm's kustomize.buildOptions for the environments Argo CD applies", async () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n  kustomize.buildOptions: --enable-alpha-plugins\n";
    const app = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    repoURL: https://git.example/shop.git\n    path: overlays/prod\n  destination:\n    server: https://kubernetes.default.svc\n";
    repo = writeRepo({ "overlays/prod/kustomization.yaml": list("cm.yaml"), "overlays/prod/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n", "argocd/cm.yaml": cm, "argocd/app.yaml": app });
    const result = await runGate({ repo: repo.root, offline: true, rules: renderRules });
    expect(result.findings.filter((finding) => finding.rule === "render/failed").map((finding) => [finding.env, finding.message])).toEqual([
      ["prod", "kustomize build option --enable-alpha-plugins is not used: it lets a kustomization run plugin programs on the machine that checks it (the pull request controls this setting)"],
    ]);
  });

  it("keeps kustomize's deprecation warnings out of render/failed messages", async () => {
    repo = writeRepo({ "overlays/prod/kustomization.yaml": "commonLabels:\n  app: web\nresources:\n- missing.yaml\n" });
    const result = await runGate({ repo: repo.root, offline: true, rules: renderRules });
    const message = result.findings.find((finding) => finding.rule === "render/failed")?.message ?? "";
    expect(message).toContain("missing.yaml");
    expect(message).not.toMatch(/deprecated|edit fix/);
    expect(withoutDeprecationWarnings("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\nError: boom")).toBe("Error: boom");
  });
});
