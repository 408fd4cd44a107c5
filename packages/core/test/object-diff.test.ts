import { describe, expect, it } from "vitest";
import { diffObjects } from "../src/diff/object-diff.js";
import { mergeKeyTable } from "../src/schemas/merge-key-table.js";

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

  it("keys lists as the kind's schema does: Service ports by port, a RoleBinding's subjects by position", () => {
    const service = (ports: { name: string; port: number }[]) => ({ apiVersion: "v1", kind: "Service", spec: { ports } });
    expect(diffObjects(service([{ name: "http", port: 80 }]), service([{ name: "metrics", port: 9090 }, { name: "http", port: 80 }]), { apiVersion: "v1", kind: "Service" })).toEqual([
      { path: "/spec/ports/0", key: { port: 9090 }, before: null, after: { name: "metrics", port: 9090 } },
    ]);
    const subjects = (names: string[]) => ({ subjects: names.map((name) => ({ kind: "User", name })) });
    expect(diffObjects(subjects(["a"]), subjects(["b", "a"]), { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding" })).toEqual([
      { path: "/subjects/0/name", before: "a", after: "b" },
      { path: "/subjects/1", before: null, after: { kind: "User", name: "a" } },
    ]);
  });

  it("keys a container port by containerPort and protocol: the same port over TCP and UDP are two items", () => {
    const pod = (ports: object[]) => ({ spec: { containers: [{ name: "dns", ports }] } });
    const tcp = { containerPort: 53, protocol: "TCP" };
    const udp = { containerPort: 53, protocol: "UDP" };
    expect(diffObjects(pod([tcp]), pod([udp, tcp]), { apiVersion: "v1", kind: "Pod" })).toEqual([
      { path: "/spec/containers/0/ports/0", key: { containerPort: 53, protocol: "UDP" }, before: null, after: udp },
    ]);
  });

  it("keys a CRD's lists by its list-map keys, else by name: an Argo CD Application's Helm parameters", () => {
    const application = (parameters: object[]) => ({ spec: { source: { helm: { parameters } } } });
    const kind = { apiVersion: "argoproj.io/v1alpha1", kind: "Application" };
    expect(diffObjects(application([{ name: "replicas", value: "2" }]), application([{ name: "image", value: "v2" }, { name: "replicas", value: "3" }]), kind)).toEqual([
      { path: "/spec/source/helm/parameters/0", key: { name: "image" }, before: null, after: { name: "image", value: "v2" } },
      { path: "/spec/source/helm/parameters/1/value", previousPath: "/spec/source/helm/parameters/0/value", key: { name: "replicas" }, before: "2", after: "3" },
    ]);
  });
});

describe("diffObjects with the CRDs of the render", () => {
  it("keys a custom resource's lists by the list-map keys of its CRD in the render, before any fallback", () => {
    const schema = { type: "object", properties: { spec: { type: "object", properties: { steps: { type: "array", items: { type: "object" }, "x-kubernetes-list-map-keys": ["id"] } } } } };
    const localCrds = () => mergeKeyTable([], [{ gvk: { group: "example.com", version: "v1", kind: "Pipeline" }, schema }]);
    const pipeline = (steps: object[]) => ({ spec: { steps } });
    const before = pipeline([{ id: 1, name: "build" }]);
    const after = pipeline([{ id: 2, name: "test" }, { id: 1, name: "compile" }]);
    expect(diffObjects(before, after, { apiVersion: "example.com/v1", kind: "Pipeline", localCrds })).toEqual([
      { path: "/spec/steps/0", key: { id: 2 }, before: null, after: { id: 2, name: "test" } },
      { path: "/spec/steps/1/name", previousPath: "/spec/steps/0/name", key: { id: 1 }, before: "build", after: "compile" },
    ]);
    // without its CRD, the same kind falls back to name: the renamed step is another item
    expect(diffObjects(before, after, { apiVersion: "example.com/v1", kind: "Pipeline" })).toHaveLength(3);
  });
});

describe("diffObjects with field names of Object.prototype", () => {
  it("sees a field named constructor added and removed like any other", () => {
    expect(diffObjects({ data: { constructor: "a" } }, { data: {} })).toEqual([{ path: "/data/constructor", before: "a", after: null }]);
    expect(diffObjects({ constructor: [] }, { constructor: [{ name: "x" }] })).toEqual([{ path: "/constructor/0", key: { name: "x" }, before: null, after: { name: "x" } }]);
  });
});
