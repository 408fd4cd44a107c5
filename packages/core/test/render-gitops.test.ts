// Environments as the GitOps controllers see them: Flux clusters (one environment each, across their
// Kustomizations), Argo CD Applications grouped by cluster and path environment, ApplicationSet generators,
// foreign sources as render/external-source notes, convention detection for the rest, render/uncovered folders.
import { describe, expect, it } from "vitest";
import { resolveTree } from "../src/render/environments.js";
import { unknownRepository, type ThisRepository } from "../src/render/gitops/this-repository.js";
import { parseSource } from "../src/repo/load.js";
import type { Config } from "../src/config/config.js";
import type { SourceFile } from "../src/types.js";

function files(texts: Record<string, string>): Map<string, SourceFile> {
  return new Map(Object.entries(texts).map(([path, text]) => [path, parseSource(path, path, path, text)]));
}

function resolve(texts: Record<string, string>, repository: ThisRepository = unknownRepository(), config: Config = { version: 1 }) {
  const loaded = files(texts);
  return resolveTree(config, loaded, [...loaded.keys()], { only: [], repository });
}

function names(texts: Record<string, string>, repository?: ThisRepository): { name: string; path: string; units: string[] }[] {
  return resolve(texts, repository).environments.map((env) => ({ name: env.name, path: env.path, units: env.units.map((unit) => `${unit.renderer}:${unit.path}`) }));
}

const origin: ThisRepository = { urls: new Set(["git.example/shop"]), fromOrigin: true, revisions: new Set(["", "HEAD", "main", "feature/x"]), prefix: "" };

const deployment = (name: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n`;
const kustomization = (...resources: string[]): string => `resources:\n${resources.map((entry) => `- ${entry}`).join("\n")}\n`;
const fluxKustomization = (name: string, spec: string): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n${spec}`;
const application = (name: string, source: string, destination = "    server: https://kubernetes.default.svc\n"): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  source:\n${source}  destination:\n${destination}`;

/** A Flux bootstrap layout: clusters/<name>/flux-system plus Kustomizations for infrastructure and apps. */
function fluxRepo(): Record<string, string> {
  const cluster = (name: string): Record<string, string> => ({
    [`clusters/${name}/flux-system/kustomization.yaml`]: kustomization("gotk-components.yaml", "gotk-sync.yaml"),
    [`clusters/${name}/flux-system/gotk-components.yaml`]: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
    [`clusters/${name}/flux-system/gotk-sync.yaml`]:
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: ssh://git@git.example/shop.git\n  ref:\n    branch: main\n---\n" +
      fluxKustomization("flux-system", `  path: ./clusters/${name}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`),
    [`clusters/${name}/infrastructure.yaml`]: fluxKustomization("infrastructure", "  path: ./infrastructure\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"),
    [`clusters/${name}/apps.yaml`]: fluxKustomization(
      "apps",
      `  dependsOn:\n  - name: infrastructure\n  path: ./apps/${name}\n  targetNamespace: shop\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  postBuild:\n    substitute:\n      CLUSTER: ${name}\n`,
    ),
  });
  return {
    ...cluster("staging"),
    ...cluster("production"),
    "infrastructure/kustomization.yaml": kustomization("metrics.yaml"),
    "infrastructure/metrics.yaml": "apiVersion: flagger.app/v1beta1\nkind: MetricTemplate\nmetadata:\n  name: latency\n  namespace: shop\n",
    "apps/base/kustomization.yaml": kustomization("web.yaml"),
    "apps/base/web.yaml": deployment("web-${CLUSTER}"),
    "apps/staging/kustomization.yaml": kustomization("../base"),
    "apps/production/kustomization.yaml": kustomization("../base"),
  };
}

describe("Flux clusters", () => {
  it("makes one environment per cluster entry, with every Kustomization it reaches as a unit", () => {
    expect(names(fluxRepo(), origin)).toEqual([
      { name: "production", path: "clusters/production", units: ["plain:clusters/production", "kustomize:clusters/production/flux-system", "kustomize:apps/production", "kustomize:infrastructure"] },
      { name: "staging", path: "clusters/staging", units: ["plain:clusters/staging", "kustomize:clusters/staging/flux-system", "kustomize:apps/staging", "kustomize:infrastructure"] },
    ]);
  });

  it("carries targetNamespace, postBuild variables and the defining files into the unit", () => {
    const production = resolve(fluxRepo(), origin).environments.find((env) => env.name === "production");
    const apps = production?.units.find((unit) => unit.path === "apps/production");
    expect(apps?.overlay).toEqual({ namespace: "shop" });
    expect(apps?.substitute).toEqual({ CLUSTER: "production" });
    expect(apps?.definedIn).toEqual(["clusters/production/apps.yaml"]);
    expect(production?.sources).toContain("clusters/production/apps.yaml");
    expect(production?.sources).toContain("apps/base/web.yaml");
    expect(production?.sources).not.toContain("apps/staging/kustomization.yaml");
  });

  it("finds the cluster from flux-system/gotk-*.yaml when gotk-sync.yaml holds no objects", () => {
    const repo = fluxRepo();
    for (const key of Object.keys(repo)) if (key.endsWith("gotk-sync.yaml")) repo[key] = "# generated by flux bootstrap\n";
    expect(names(repo).map((env) => env.name)).toEqual(["production", "staging"]);
  });

  it("leaves out a cluster whose own flux-system source is another branch, reporting it", () => {
    const repo = fluxRepo();
    repo["clusters/staging/flux-system/gotk-sync.yaml"] = (repo["clusters/staging/flux-system/gotk-sync.yaml"] ?? "").replace("branch: main", "branch: staging-cluster");
    const result = resolve(repo, origin);
    // The foreign cluster is no Flux environment; its folder is still rendered by the clusters/<env> convention (nothing is dropped).
    expect(result.environments.filter((env) => env.detectedBy === "flux").map((env) => env.name)).toEqual(["production"]);
    expect(result.environments.filter((env) => env.detectedBy === "convention").map((env) => env.path)).toEqual(["clusters/staging"]);
    expect(result.notes.filter((note) => note.rule === "render/external-source").map((note) => [note.location?.file, note.message])).toEqual([
      ["clusters/staging/flux-system/gotk-sync.yaml", "Kustomization flux-system/flux-system is not rendered from this tree: its source is GitRepository flux-system/flux-system: revision staging-cluster of ssh://git@git.example/shop.git"],
    ]);
  });

  it("reports a tenant synced from another branch or repository as an external source, never rendering the tree", () => {
    const tenant =
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: team-a\n  namespace: flux-system\nspec:\n  url: https://git.example/shop\n  ref:\n    branch: team-a\n---\n" +
      fluxKustomization("team-a", "  sourceRef:\n    kind: GitRepository\n    name: team-a\n") +
      "---\n" +
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: team-b\n  namespace: flux-system\nspec:\n  url: https://git.example/team-b.git\n---\n" +
      fluxKustomization("team-b", "  sourceRef:\n    kind: GitRepository\n    name: team-b\n");
    const result = resolve({ ...fluxRepo(), "clusters/production/tenants.yaml": tenant }, origin);
    const production = result.environments.find((env) => env.name === "production");
    expect(production?.units.map((unit) => unit.path)).not.toContain(".");
    expect(result.environments.every((env) => env.units.every((unit) => unit.path !== "."))).toBe(true);
    const external = result.notes.filter((note) => note.rule === "render/external-source");
    expect(external.map((note) => [note.location?.file, note.location?.line])).toEqual([
      ["clusters/production/tenants.yaml", 11],
      ["clusters/production/tenants.yaml", 29],
    ]);
    expect(external[0]?.message).toContain("revision team-a");
    expect(external[1]?.message).toContain("another repository (https://git.example/team-b.git)");
  });

  it("reports a HelmRelease whose chart comes from a Helm or OCI repository as an external source", () => {
    const release = (name: string, chart: string): string =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${chart}`;
    const repo = {
      ...fluxRepo(),
      "infrastructure/kustomization.yaml": kustomization("metrics.yaml", "releases.yaml"),
      "infrastructure/releases.yaml": [
        release("web", "  chart:\n    spec:\n      chart: web\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n"),
        release("gateway", "  chartRef:\n    kind: OCIRepository\n    name: gateway\n"),
      ].join("---\n"),
    };
    expect(resolve(repo, origin).notes.filter((note) => note.rule === "render/external-source").map((note) => [note.location?.line, note.message])).toEqual([
      [1, "HelmRelease shop/web is not rendered from this tree: its source is the chart web of HelmRepository charts"],
      [14, "HelmRelease shop/gateway is not rendered from this tree: its source is OCIRepository gateway"],
    ]);
  });

  it("follows Kustomizations with kubeConfig into environments of their own cluster, named by the path", () => {
    const hub = (name: string): string =>
      fluxKustomization(`${name}-apps`, `  path: ./clusters/${name}/apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  kubeConfig:\n    secretRef:\n      name: ${name}-kubeconfig\n`);
    const result = names({
      "hub/flux-system/gotk-components.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
      "hub/spokes.yaml": `${hub("staging")}---\n${hub("production")}`,
      "clusters/staging/apps/kustomization.yaml": kustomization("../../../deploy"),
      "clusters/production/apps/kustomization.yaml": kustomization("../../../deploy"),
      "deploy/kustomization.yaml": kustomization("web.yaml"),
      "deploy/web.yaml": deployment("web"),
    });
    expect(result).toEqual([
      { name: "hub", path: "hub", units: ["plain:hub"] },
      { name: "staging", path: "clusters/staging", units: ["kustomize:clusters/staging/apps"] },
      { name: "production", path: "clusters/production", units: ["kustomize:clusters/production/apps"] },
    ]);
  });

  it("maps an ExternalArtifact through its ArtifactGenerator's copy rules to this repository's folders", () => {
    const generator =
      "apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  sources:\n  - alias: repo\n    kind: GitRepository\n    name: flux-system\n  artifacts:\n  - name: apps\n    copy:\n    - from: '@repo/apps/base/**'\n      to: '@artifact/base/'\n    - from: '@repo/apps/production/**'\n      to: '@artifact/production/'\n";
    const apps = fluxKustomization("apps", "  path: ./production\n  sourceRef:\n    kind: ExternalArtifact\n    name: apps\n");
    const repo = fluxRepo();
    const result = names({ ...repo, "clusters/production/apps.yaml": apps, "clusters/production/artifacts.yaml": generator }, origin);
    expect(result.find((env) => env.name === "production")?.units).toContain("kustomize:apps/production");
  });
});

describe("Argo CD applications", () => {
  const overlays = {
    "base/kustomization.yaml": kustomization("web.yaml"),
    "base/web.yaml": deployment("web"),
    "overlays/dev/kustomization.yaml": kustomization("../../base"),
    "overlays/staging/kustomization.yaml": kustomization("../../base"),
    "overlays/prod/kustomization.yaml": kustomization("../../base"),
  };
  const source = (path: string, extra = ""): string => `    repoURL: https://git.example/shop.git\n    targetRevision: main\n    path: ${path}\n${extra}`;

  it("keeps dev, staging and prod on one cluster three environments, and groups apps of one environment", () => {
    const apps = ["dev", "staging", "prod"].map((env) => application(`web-${env}`, source(`overlays/${env}`))).join("---\n");
    const platform = application("platform", source("platform"));
    const result = names({ ...overlays, "argocd/apps.yaml": apps, "argocd/platform.yaml": platform, "platform/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n" }, origin);
    expect(result).toEqual([
      { name: "dev", path: "overlays/dev", units: ["kustomize:overlays/dev"] },
      { name: "staging", path: "overlays/staging", units: ["kustomize:overlays/staging"] },
      { name: "prod", path: "overlays/prod", units: ["kustomize:overlays/prod"] },
      { name: "in-cluster", path: "platform", units: ["plain:platform"] },
    ]);
  });

  it("follows app-of-apps: the root app's folder of Applications and each child app", () => {
    const root = application("root", source("argocd/apps", "    directory:\n      recurse: true\n"));
    const child = application("web-prod", source("overlays/prod", "    kustomize:\n      namePrefix: shop-\n      images:\n      - web=registry.example/web:1.2.3\n"), "    name: prod-eu\n");
    const result = resolve({ ...overlays, "bootstrap/root.yaml": root, "argocd/apps/web-prod.yaml": child }, origin);
    expect(result.environments.map((env) => env.name)).toEqual(["prod", "in-cluster", "dev", "staging"]);
    expect(result.environments.map((env) => env.detectedBy)).toEqual(["argocd", "argocd", "convention", "convention"]);
    const unit = result.environments[0]?.units[0];
    expect(unit?.overlay).toEqual({ namePrefix: "shop-", images: [{ name: "web", newName: "registry.example/web", newTag: "1.2.3" }] });
    expect(result.environments[1]?.units[0]?.plain).toEqual({ recurse: true, include: [], exclude: [], skipDirs: [] });
  });

  it("expands an ApplicationSet git directory generator over this repository's folders", () => {
    const set = [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: ApplicationSet",
      "metadata: { name: shop }",
      "spec:",
      "  goTemplate: true",
      "  generators:",
      "  - git:",
      "      repoURL: https://git.example/shop.git",
      "      revision: HEAD",
      "      directories:",
      "      - path: overlays/*",
      "      - path: overlays/dev",
      "        exclude: true",
      "  template:",
      "    metadata: { name: '{{ .path.basename }}-web' }",
      "    spec:",
      "      source: { repoURL: https://git.example/shop.git, path: '{{ .path.path }}' }",
      "      destination: { server: https://kubernetes.default.svc }",
      "",
    ].join("\n");
    expect(names({ ...overlays, "argocd/set.yaml": set }, origin).map((env) => [env.name, env.units.join()])).toEqual([
      ["prod", "kustomize:overlays/prod"],
      ["staging", "kustomize:overlays/staging"],
      ["dev", "kustomize:overlays/dev"],
    ]);
  });

  it("expands list, cluster and git file generators", () => {
    const set = (generators: string): string =>
      `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: s\nspec:\n  generators:\n${generators}  template:\n    metadata:\n      name: 'web-{{name}}'\n    spec:\n      source:\n        repoURL: https://git.example/shop.git\n        path: 'overlays/{{env}}'\n      destination:\n        name: '{{name}}'\n`;
    const clusterSecret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: eu\n  labels:\n    argocd.argoproj.io/secret-type: cluster\n    env: prod\nstringData:\n  name: eu-1\n  server: https://eu.example\n";
    const result = names(
      {
        ...overlays,
        "argocd/list.yaml": set("  - list:\n      elements:\n      - { name: lab, env: dev }\n"),
        "argocd/clusters.yaml": set("  - clusters:\n      selector:\n        matchLabels:\n          env: prod\n      values:\n        env: prod\n").replaceAll("{{env}}", "{{values.env}}"),
        "argocd/secret.yaml": clusterSecret,
        "argocd/files.yaml": set("  - git:\n      repoURL: https://git.example/shop.git\n      files:\n      - path: config/*.json\n"),
        "config/staging.json": '{ "name": "us-1", "env": "staging" }',
      },
      origin,
    );
    expect(result.map((env) => [env.name, env.path])).toEqual([
      ["prod", "overlays/prod"],
      ["staging", "overlays/staging"],
      ["dev", "overlays/dev"],
    ]);
  });

  it("reports another repository's `path: ./` as an external source instead of rendering this whole tree", () => {
    const foreign = application("vendor", "    repoURL: https://git.example/vendor.git\n    path: ./\n");
    const chart = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ingress\nspec:\n  source:\n    repoURL: https://charts.example\n    chart: ingress-nginx\n    targetRevision: 4.0.0\n";
    for (const repository of [origin, unknownRepository()]) {
      const result = resolve({ ...overlays, "argocd/vendor.yaml": foreign, "argocd/ingress.yaml": chart, "argocd/prod.yaml": application("prod", source("overlays/prod")) }, repository);
      expect(result.environments.some((env) => env.units.some((unit) => unit.path === "."))).toBe(false);
      expect(result.notes.filter((note) => note.rule === "render/external-source").map((note) => note.location?.file)).toEqual(["argocd/ingress.yaml", "argocd/vendor.yaml"]);
    }
  });

  it("counts a pull request's own branch and the default branch as this repository, other branches and tags not", () => {
    const at = (revision: string): string => application(`a-${revision}`, `    repoURL: git@git.example:shop.git\n    targetRevision: ${revision}\n    path: overlays/prod\n`);
    const result = resolve({ ...overlays, "argocd/a.yaml": [at("main"), at("feature/x"), at("v1.0.0"), at("release")].join("---\n") }, origin);
    expect(result.notes.filter((note) => note.rule === "render/external-source").map((note) => note.message.replace(/ of .*/, ""))).toEqual([
      "Application argocd/a-v1.0.0 is not rendered from this tree: its source is revision v1.0.0",
      "Application argocd/a-release is not rendered from this tree: its source is revision release",
    ]);
  });
});

describe("detection beside the controllers, and coverage", () => {
  it("still renders overlays no controller reaches, and reports plain folders nothing renders", () => {
    const result = resolve(
      {
        "argocd/app.yaml": application("platform", "    repoURL: https://git.example/shop.git\n    path: platform\n"),
        "platform/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
        "base/kustomization.yaml": kustomization("web.yaml"),
        "base/web.yaml": deployment("web"),
        "overlays/staging/kustomization.yaml": kustomization("../../base"),
        "overlays/production/kustomization.yaml": kustomization("../../base"),
        "rollouts/canary.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\n",
        "rollouts/notes.yaml": "just: data\n",
        "sealed/web.yaml": "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: web\n",
      },
      origin,
    );
    expect(result.environments.map((env) => [env.name, env.detectedBy, env.production])).toEqual([
      ["in-cluster", "argocd", false],
      ["production", "convention", true],
      ["staging", "convention", false],
    ]);
    expect(result.notes.map((note) => [note.rule, note.location?.file, note.message])).toEqual([
      ["render/uncovered", "rollouts/canary.yaml", "rollouts holds 1 manifest file that no environment renders, so it is not checked: add it under `environments:` in mergegate.yaml, or to `exclude`"],
      ["render/uncovered", "sealed/web.yaml", "sealed holds 1 manifest file that no environment renders, so it is not checked: add it under `environments:` in mergegate.yaml, or to `exclude`"],
    ]);
  });

  it("reads no manifest's values to find the environments: the files' identities say which hold controller objects", () => {
    const texts = { ...fluxRepo(), "loose/web.yaml": deployment("loose") };
    const loaded = files(texts);
    const manifests = ["clusters/staging/flux-system/gotk-components.yaml", "infrastructure/metrics.yaml", "apps/base/web.yaml", "loose/web.yaml"];
    const unread = (file: SourceFile): SourceFile => ({
      path: file.path,
      repoPath: file.repoPath,
      absolutePath: file.absolutePath,
      text: file.text,
      identities: file.identities,
      errors: file.errors,
      documents: file.documents,
      lineStarts: file.lineStarts,
      get values(): unknown[] {
        throw new Error(`${file.repoPath}: values read`);
      },
    });
    const guarded = new Map([...loaded].map(([repoPath, file]) => [repoPath, manifests.includes(repoPath) ? unread(file) : file]));
    const options = { only: [], repository: origin };
    const expected = resolveTree({ version: 1 }, loaded, [...loaded.keys()], options);
    expect(expected.notes.map((note) => note.location?.file)).toEqual(["loose/web.yaml"]);
    expect(resolveTree({ version: 1 }, guarded, [...guarded.keys()], options)).toEqual(expected);
  });

  it("reports an unreferenced component at its kustomization", () => {
    const result = resolve({
      "app/kustomization.yaml": kustomization("web.yaml"),
      "app/web.yaml": deployment("web"),
      "components/tls/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
    });
    expect(result.notes.map((note) => note.location?.file)).toEqual(["components/tls/kustomization.yaml"]);
  });

  it("names production by the last path segment of a detected name, or by mergegate.yaml", () => {
    const detected = resolve({ "examples/ldap/overlays/production/x.yaml": deployment("a"), "examples/web/overlays/production/y.yaml": deployment("b"), "envs/prd-eu/z.yaml": deployment("c") });
    expect(detected.environments.map((env) => [env.name, env.production, env.progressive])).toEqual([
      ["prd-eu", true, true],
      ["examples/ldap/overlays/production", true, true],
      ["examples/web/overlays/production", true, true],
    ]);
    const configured = resolve({ "live/x.yaml": deployment("a") }, unknownRepository(), { version: 1, environments: { live: { path: "live", production: true }, production: { path: "live", production: false } } });
    expect(configured.environments.map((env) => [env.name, env.production, env.progressive])).toEqual([
      ["live", true, true],
      ["production", false, false],
    ]);
  });
});
