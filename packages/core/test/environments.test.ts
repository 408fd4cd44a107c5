import { describe, expect, it } from "vitest";
import { resolveEnvironments } from "../src/render/environments.js";
import { parseSource } from "../src/repo/load.js";
import type { SourceFile } from "../src/types.js";

function files(texts: Record<string, string>): Map<string, SourceFile> {
  return new Map(Object.entries(texts).map(([path, text]) => [path, parseSource(path, path, path, text)]));
}

function detect(texts: Record<string, string>, only: string[] = []): { name: string; path: string; renderer: string; progressive: boolean }[] {
  const loaded = files(texts);
  return resolveEnvironments({ version: 1 }, loaded, [...loaded.keys()], { only }).map(({ name, path, renderer, progressive }) => ({
    name,
    path,
    renderer,
    progressive,
  }));
}

const kustomization = (resources: string[]): string => `resources:\n${resources.map((entry) => `- ${entry}`).join("\n")}\n`;

describe("environment detection", () => {
  it("finds overlays/<env> folders", () => {
    expect(
      detect({
        "base/kustomization.yaml": kustomization(["deploy.yaml"]),
        "base/deploy.yaml": "kind: Deployment\n",
        "overlays/dev/kustomization.yaml": kustomization(["../../base"]),
        "overlays/prod/kustomization.yaml": kustomization(["../../base"]),
      }),
    ).toEqual([
      { name: "dev", path: "overlays/dev", renderer: "kustomize", progressive: false },
      { name: "prod", path: "overlays/prod", renderer: "kustomize", progressive: true },
    ]);
  });

  it("names clashing convention folders by their whole path, and renders folders without a kustomization as plain", () => {
    expect(detect({ "a/envs/prod/x.yaml": "kind: A\n", "b/envs/prod/y.yaml": "kind: B\n" }).map(({ name, renderer }) => [name, renderer])).toEqual([
      ["a/envs/prod", "plain"],
      ["b/envs/prod", "plain"],
    ]);
  });

  it("uses kustomization roots that nothing references, never components", () => {
    expect(
      detect({
        "app/kustomization.yaml": kustomization(["deploy.yaml"]) + "components:\n- ../components/tls\n",
        "components/tls/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
        "lib/kustomization.yaml": kustomization(["x.yaml"]),
        "all/kustomization.yaml": kustomization(["../lib"]),
      }).map(({ name }) => name),
    ).toEqual(["all", "app"]);
  });

  it("falls back to one plain environment for the whole repo", () => {
    expect(detect({ "deploy.yaml": "kind: Deployment\n" })).toEqual([{ name: "default", path: ".", renderer: "plain", progressive: false }]);
  });

  it("selects --env names and rejects unknown ones", () => {
    const texts = { "overlays/dev/a.yaml": "kind: A\n", "overlays/prod/a.yaml": "kind: A\n" };
    expect(detect(texts, ["prod"]).map(({ name }) => name)).toEqual(["prod"]);
    expect(() => detect(texts, ["qa"])).toThrow('unknown environment "qa" (known: dev, prod)');
  });
});
