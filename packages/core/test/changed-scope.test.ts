// changedScope: the objects whose findings a --changed-only run can keep, so that checks evaluate only those.
import { describe, expect, it } from "vitest";
import { changedScope, type ChangedLines } from "../src/diff/changed-only.js";
import type { RenderDiff } from "../src/diff/render-diff.js";
import type { Environment, EnvironmentRender, Resource } from "../src/types.js";

function resource(env: string, name: string, file: string): Resource {
  const key = { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name };
  return { key, object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "shop" } }, origin: { file, documentIndex: 0, basePointer: "", generator: null }, env };
}

function envRender(name: string, resources: Resource[], sources: string[], kustomize: boolean): EnvironmentRender {
  const env = { name, path: name, renderer: kustomize ? "kustomize" : "plain", sources } as unknown as Environment;
  const kustomizations = kustomize ? ([{ dir: name }] as unknown as EnvironmentRender["kustomizations"]) : [];
  return { env, resources, kustomizations, failed: false, skippedReason: null, problems: [] };
}

const noDiff = (env: string): RenderDiff => ({ base: { ref: "HEAD", commit: null }, head: { ref: "INDEX", commit: null }, environments: [{ env, added: [], removed: [], changed: [] }] });

describe("changedScope", () => {
  const web = resource("prod", "web", "prod/web.yaml");
  const api = resource("prod", "api", "prod/api.yaml");
  const db = resource("prod", "db", "prod/db.yaml");

  it("holds the changed objects and those written in a file with changed lines", () => {
    const render = { environments: [envRender("prod", [web, api, db], ["sub/prod/web.yaml", "sub/prod/api.yaml", "sub/prod/db.yaml"], false)] };
    const diff = noDiff("prod");
    diff.environments[0]?.changed.push({ ref: db.key, previousName: null, changes: [], objects: { before: db.object, after: db.object } });
    const lines: ChangedLines = new Map([["sub/prod/web.yaml", new Set([3])]]);
    expect([...changedScope(render, diff, lines, "sub/")]).toEqual([web, db]);
  });

  it("holds every object of a kustomize environment when a changed input is none of its objects' files", () => {
    const render = { environments: [envRender("prod", [web, api], ["prod/kustomization.yaml", "prod/web.yaml", "prod/api.yaml"], true)] };
    expect([...changedScope(render, noDiff("prod"), new Map([["prod/kustomization.yaml", new Set([2])]]), "")]).toEqual([web, api]);
    expect([...changedScope(render, noDiff("prod"), new Map([["prod/api.yaml", new Set([2])]]), "")]).toEqual([api]);
    // a changed file another environment reads does not widen this one
    expect([...changedScope(render, noDiff("prod"), new Map([["dev/kustomization.yaml", "all" as const]]), "")]).toEqual([]);
  });
});
