// diffRenders: the objects added, removed and changed between two renders of the environments.
import { describe, expect, it } from "vitest";
import { diffRenders } from "../src/diff/render-diff.js";
import type { Environment, EnvironmentRender, KubeObject, Resource } from "../src/types.js";

function resource(object: KubeObject): Resource {
  const metadata = object["metadata"] as { name: string };
  return { key: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: metadata.name }, object, origin: { file: "prod/web.yaml", documentIndex: 0, basePointer: "", generator: null }, env: "prod" };
}

function render(resources: Resource[]): { environments: EnvironmentRender[] } {
  const env = { name: "prod", path: "prod", renderer: "plain", sources: [] } as unknown as Environment;
  return { environments: [{ env, resources, kustomizations: [], failed: false, skippedReason: null, problems: [] }] };
}

const sides = { base: { ref: "HEAD", commit: null }, head: { ref: "INDEX", commit: null } };

function deployment(env: { name: string; value: string }[]): KubeObject {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { template: { spec: { containers: [{ name: "web", env }] } } } };
}

describe("diffRenders", () => {
  it("reports the fields that changed between two versions of an object", () => {
    const before = deployment([{ name: "MODE", value: "fast" }]);
    const after = deployment([{ name: "MODE", value: "slow" }]);
    const [environment] = diffRenders(render([resource(before)]), render([resource(after)]), sides).environments;
    expect(environment?.changed.map((object) => object.changes.map((change) => [change.path, change.before, change.after]))).toEqual([[["/spec/template/spec/containers/0/env/0/value", "fast", "slow"]]]);
  });

  it("holds one object on both sides (a file both trees share) unchanged, as its field walk cannot", () => {
    // YAML's .nan: the walk finds NaN unequal to itself, so an object compared field by field with an equal copy of
    // itself shows a change; the very same object has none
    const shared: KubeObject = { ...deployment([]), spec: { replicas: Number.NaN } };
    expect(diffRenders(render([resource(shared)]), render([resource(structuredClone(shared))]), sides).environments[0]?.changed).toHaveLength(1);
    expect(diffRenders(render([resource(shared)]), render([resource(shared)]), sides).environments[0]?.changed).toEqual([]);
  });
});
