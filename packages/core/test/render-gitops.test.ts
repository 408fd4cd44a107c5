// Environments from GitOps objects: Argo CD Application / ApplicationSet (list and git directory generators) and
// Flux Kustomization, ahead of the folder conventions (CONTRACTS detection order).
import { describe, expect, it } from "vitest";
import { resolveEnvironments } from "../src/render/environments.js";
import { parseSource } from "../src/repo/load.js";
import type { SourceFile } from "../src/types.js";

function detect(texts: Record<string, string>): { name: string; path: string; renderer: string }[] {
  const loaded = new Map<string, SourceFile>(Object.entries(texts).map(([path, text]) => [path, parseSource(path, path, path, text)]));
  return resolveEnvironments({ version: 1 }, loaded, [...loaded.keys()], { only: [] }).map(({ name, path, renderer }) => ({ name, path, renderer }));
}

const overlays = {
  "base/kustomization.yaml": "resources:\n- deploy.yaml\n",
  "base/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
  "overlays/dev/kustomization.yaml": "resources:\n- ../../base\n",
  "overlays/prod/kustomization.yaml": "resources:\n- ../../base\n",
  "plain/eu-1/web.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
};

describe("GitOps sources", () => {
  it("takes Argo CD Applications (source and sources) over the folder conventions", () => {
    const apps = [
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop-prod\nspec:\n  source:\n    repoURL: https://git.example/shop.git\n    path: overlays/prod\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: eu\nspec:\n  sources:\n  - repoURL: https://git.example/shop.git\n    path: ./plain/eu-1/\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: elsewhere\nspec:\n  source:\n    path: not/in/this/repo\n",
    ].join("---\n");
    expect(detect({ ...overlays, "argocd/apps.yaml": apps })).toEqual([
      { name: "shop-prod", path: "overlays/prod", renderer: "kustomize" },
      { name: "eu", path: "plain/eu-1", renderer: "plain" },
    ]);
  });

  it("expands ApplicationSet list and git directory generators", () => {
    const list = [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: ApplicationSet",
      "metadata: { name: shop }",
      "spec:",
      "  generators:",
      "  - list:",
      "      elements:",
      "      - env: dev",
      "      - env: prod",
      "  template:",
      "    metadata: { name: 'shop-{{env}}' }",
      "    spec:",
      "      source: { repoURL: https://git.example/shop.git, path: 'overlays/{{env}}' }",
      "",
    ].join("\n");
    expect(detect({ ...overlays, "argocd/list.yaml": list })).toEqual([
      { name: "shop-dev", path: "overlays/dev", renderer: "kustomize" },
      { name: "shop-prod", path: "overlays/prod", renderer: "kustomize" },
    ]);
    const git = [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: ApplicationSet",
      "metadata: { name: shop }",
      "spec:",
      "  goTemplate: true",
      "  generators:",
      "  - git:",
      "      repoURL: https://git.example/shop.git",
      "      directories:",
      "      - path: overlays/*",
      "      - path: overlays/dev",
      "        exclude: true",
      "  template:",
      "    metadata: { name: '{{ .path.basename }}-app' }",
      "    spec:",
      "      source: { repoURL: https://git.example/shop.git, path: '{{ .path.path }}' }",
      "",
    ].join("\n");
    expect(detect({ ...overlays, "argocd/git.yaml": git })).toEqual([{ name: "prod-app", path: "overlays/prod", renderer: "kustomize" }]);
  });

  it("takes Flux Kustomizations of the GitRepository source, naming clashes by folder", () => {
    const sync = (cluster: string): string =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: ./clusters/${cluster}\n`;
    const artifact = "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\nspec:\n  sourceRef:\n    kind: OCIRepository\n    name: apps\n  path: ./overlays/dev\n";
    expect(
      detect({
        ...overlays,
        "clusters/production/sync.yaml": sync("production"),
        "clusters/staging/sync.yaml": sync("staging") + "---\n" + artifact,
      }),
    ).toEqual([
      { name: "production", path: "clusters/production", renderer: "plain" },
      { name: "staging", path: "clusters/staging", renderer: "plain" },
    ]);
  });

  it("falls back to the conventions when no GitOps object points into the repo", () => {
    const app = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: other\nspec:\n  source:\n    path: somewhere/else\n";
    expect(detect({ ...overlays, "argocd/app.yaml": app }).map((env) => env.name)).toEqual(["dev", "prod"]);
  });
});
