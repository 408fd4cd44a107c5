// A tree whose replaced files cannot change its environments takes over those of the tree it is made from: checked
// here against resolving both trees, for the changes it lets through and the ones it must not.
import { describe, expect, it } from "vitest";
import { resolveTree } from "../src/render/environments.js";
import { sameEnvironments } from "../src/render/same-environments.js";
import { parseSource } from "../src/repo/load.js";
import type { SourceFile } from "../src/types.js";

function files(texts: Record<string, string | null>): Map<string, SourceFile> {
  return new Map(Object.entries(texts).flatMap(([path, text]) => (text === null ? [] : [[path, parseSource(path, path, path, text)] as const])));
}

const deployment = (name: string, replicas = 1): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`;
const configMap = (name: string, value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: flux-system\ndata:\n  CLUSTER: ${value}\n`;
const fluxKustomization = (path: string): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ${path}\n  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n    substituteFrom: [{kind: ConfigMap, name: vars}]\n`;

const plain = { "envs/dev/web.yaml": deployment("web") + "---\n" + configMap("settings", "dev"), "envs/prod/web.yaml": deployment("web"), "notes.txt": "hello\n" };
const flux = { "clusters/prod/apps.yaml": fluxKustomization("./apps/prod"), "clusters/prod/vars.yaml": configMap("vars", "prod"), "apps/prod/web.yaml": deployment("web"), "apps/prod/kustomization.yaml": "resources: [web.yaml]\n" };

/** Whether `sameEnvironments` lets the change through, after checking that it is right when it does. */
function kept(before: Record<string, string | null>, changes: Record<string, string | null>): boolean {
  const from = files(before);
  const to = files({ ...before, ...changes });
  const same = sameEnvironments(from, to, Object.keys(changes));
  const options = { only: [] };
  if (same) expect(resolveTree({ version: 1 }, to, [...to.keys()], options)).toEqual(resolveTree({ version: 1 }, from, [...from.keys()], options));
  return same;
}

describe("environments kept across trees of one run", () => {
  it("are kept when a manifest's values change but not what its documents are", () => {
    expect(kept(plain, { "envs/prod/web.yaml": deployment("web", 3) })).toBe(true);
    expect(kept(plain, { "envs/dev/web.yaml": deployment("web", 2) + "---\n" + configMap("settings", "other") })).toBe(true); // no controller reads ConfigMaps here
    expect(kept(plain, { "notes.txt": "changed\n" })).toBe(true);
    expect(kept(flux, { "apps/prod/web.yaml": deployment("web", 5) })).toBe(true);
  });

  it("are resolved again when a path comes or goes, an identity changes, or a file is a kustomization or chart", () => {
    expect(kept(plain, { "envs/staging/web.yaml": deployment("web") })).toBe(false);
    expect(kept(plain, { "envs/prod/web.yaml": null })).toBe(false);
    expect(kept(plain, { "envs/prod/web.yaml": deployment("api") })).toBe(false);
    expect(kept(plain, { "envs/prod/web.yaml": "kind: Deployment\n" })).toBe(false);
    expect(kept(flux, { "apps/prod/kustomization.yaml": "resources: []\n" })).toBe(false);
  });

  it("are resolved again when a controller object changes, or what one reads while the tree has controllers", () => {
    expect(kept(flux, { "clusters/prod/apps.yaml": fluxKustomization("./apps/other") })).toBe(false);
    expect(kept(flux, { "clusters/prod/vars.yaml": configMap("vars", "staging") })).toBe(false);
    const applicationSet = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: apps\nspec:\n  generators: [{git: {repoURL: x, files: [{path: 'config/*.yaml'}]}}]\n";
    expect(kept({ ...plain, "appsets/apps.yaml": applicationSet, "config/dev.yaml": deployment("settings") }, { "config/dev.yaml": deployment("settings", 2) })).toBe(false);
  });
});
