import { describe, expect, it } from "vitest";
import { diffObjects } from "../src/diff/object-diff.js";

const deployment = (env: { name: string; value: string }[], containers = ["web"]) => ({
  spec: { template: { spec: { containers: containers.map((name) => ({ name, image: `${name}:1`, env })) } } },
});

describe("diffObjects", () => {
  it("matches env vars by name: one added at the top is one change with its key", () => {
    const env = Array.from({ length: 8 }, (_, index) => ({ name: `VAR_${index}`, value: String(index) }));
    const changes = diffObjects(deployment(env), deployment([{ name: "NEW", value: "x" }, ...env]));
    expect(changes).toEqual([{ path: "/spec/template/spec/containers/0/env/0", key: { name: "NEW" }, before: null, after: { name: "NEW", value: "x" } }]);
  });

  it("keeps the head-side index in path and the base side's in previousPath when an item moved", () => {
    const env = [
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ];
    const changes = diffObjects(deployment(env), deployment([{ name: "B", value: "3" }, { name: "A", value: "1" }]));
    expect(changes).toEqual([{ path: "/spec/template/spec/containers/0/env/0/value", previousPath: "/spec/template/spec/containers/0/env/1/value", key: { name: "B" }, before: "2", after: "3" }]);
  });

  it("reports a removed item at its base-side path, containers by name, ports by containerPort", () => {
    const before = deployment([], ["web", "sidecar"]);
    const after = deployment([], ["web"]);
    expect(diffObjects(before, after)).toEqual([{ path: "/spec/template/spec/containers/1", key: { name: "sidecar" }, before: before.spec.template.spec.containers[1], after: null }]);
    const ports = (list: number[]) => ({ ports: list.map((containerPort) => ({ containerPort })) });
    expect(diffObjects(ports([80, 443]), ports([8080, 80, 443]))).toEqual([{ path: "/ports/0", key: { containerPort: 8080 }, before: null, after: { containerPort: 8080 } }]);
  });

  it("compares lists without a merge key, or with duplicate keys, by position", () => {
    expect(diffObjects({ args: ["a", "b"] }, { args: ["x", "a", "b"] })).toEqual([
      { path: "/args/0", before: "a", after: "x" },
      { path: "/args/1", before: "b", after: "a" },
      { path: "/args/2", before: null, after: "b" },
    ]);
    const twice = [{ name: "A", value: "1" }, { name: "A", value: "2" }];
    expect(diffObjects({ env: twice }, { env: [{ name: "A", value: "1" }] })).toEqual([{ path: "/env/1", before: twice[1], after: null }]);
  });
});
