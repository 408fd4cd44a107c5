// The merge-key table: made from OpenAPI documents and CRD schemas (keyed lists and the subtrees that hold them),
// and what the shipped table says of well-known kinds.
import { describe, expect, it } from "vitest";
import { listKeyOf, placeBelow, placeOfItems, rootPlace, type SchemaPlace } from "../src/diff/merge-keys.js";
import { mergeKeyTable } from "../src/schemas/merge-key-table.js";

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

describe("mergeKeyTable", () => {
  const openApi = {
    swagger: "2.0",
    definitions: {
      "x.Pod": { "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Pod" }], properties: { spec: ref("x.PodSpec"), metadata: ref("x.Meta") } },
      "x.Meta": { properties: { name: { type: "string" } } },
      "x.PodSpec": {
        properties: {
          containers: { type: "array", items: ref("x.Container"), "x-kubernetes-patch-merge-key": "name", "x-kubernetes-list-map-keys": ["name"] },
          tolerations: { type: "array", items: ref("x.Meta"), "x-kubernetes-list-type": "atomic" },
          overhead: { type: "object", additionalProperties: ref("x.PodSpec") },
        },
      },
      "x.Container": {
        properties: {
          ports: { type: "array", items: ref("x.Meta"), "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-list-map-keys": ["containerPort", "protocol"] },
          env: { type: "array", items: ref("x.Meta"), "x-kubernetes-patch-merge-key": "name" },
        },
      },
      "x.ConfigMap": { "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "ConfigMap" }], properties: { data: { type: "object" } } },
      "x.PodList": {
        "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "PodList" }],
        properties: { items: { type: "array", items: ref("x.Pod"), "x-kubernetes-list-map-keys": ["type"] } },
      },
    },
  };
  const crdSchema = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          first: { type: "object", properties: { steps: { type: "array", items: { type: "object" }, "x-kubernetes-list-map-keys": ["id"] } } },
          second: { type: "object", properties: { steps: { type: "array", items: { type: "object" }, "x-kubernetes-list-map-keys": ["id"] } } },
          plain: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
        },
      },
    },
  };
  const table = mergeKeyTable([openApi], [{ gvk: { group: "example.com", version: "v1", kind: "Widget" }, schema: crdSchema }]);

  it("keeps keyed lists (list-map keys before the patch merge key) and the nodes that lead to them (maps and recursion too), nothing else", () => {
    // a …List kind is a response, not a manifest: neither its kind nor its `items` key is in the table
    expect(table.kubernetes).toEqual({ "/v1/ConfigMap": null, "/v1/Pod": "x.Pod" });
    expect(table.nodes["x.Pod"]).toEqual({ spec: { node: "x.PodSpec" } });
    expect(table.nodes["x.PodSpec"]).toEqual({ containers: { key: ["name"], node: "x.Container" }, overhead: { node: "x.PodSpec/overhead" } });
    expect(table.nodes["x.PodSpec/overhead"]).toEqual({ "*": { node: "x.PodSpec" } });
    expect(table.nodes["x.Container"]).toEqual({ env: { key: ["name"] }, ports: { key: ["containerPort", "protocol"] } });
    expect(table.nodes["x.Meta"]).toBeUndefined();
  });

  it("names a CRD's inline subtrees after the first path that has them and shares identical ones", () => {
    expect(table.crds).toEqual({ "example.com/v1/Widget": "example.com/v1/Widget#" });
    expect(table.nodes["example.com/v1/Widget#/spec"]).toEqual({ first: { node: "example.com/v1/Widget#/spec/first" }, second: { node: "example.com/v1/Widget#/spec/first" } });
  });

  it("lists each Kubernetes field name's keys, the most used first, for the CRD fallback", () => {
    expect(table.fieldKeys).toEqual({ containers: [["name"]], env: [["name"]], ports: [["containerPort", "protocol"]] });
  });
});

/** The place of a path of field names from a kind's root (list items are entered after a list's field). */
function placeAt(apiVersion: string, kind: string, path: string): { place: SchemaPlace; field: string } {
  const fields = path.split(".");
  let place = rootPlace({ apiVersion, kind });
  for (const [index, field] of fields.entries()) {
    place = placeBelow(place, field);
    if (index < fields.length - 1 && place.key !== null) place = placeOfItems(place);
  }
  return { place, field: fields[fields.length - 1]! };
}

const keyOf = (apiVersion: string, kind: string, path: string, items: unknown[]) => {
  const { place, field } = placeAt(apiVersion, kind, path);
  return listKeyOf(place, field, items, items);
};

describe("the shipped merge-key table", () => {
  const named = [{ name: "a" }, { name: "b" }];

  it("keys a Deployment's containers, env, volume mounts and ports as the Kubernetes schema does", () => {
    expect(keyOf("apps/v1", "Deployment", "spec.template.spec.containers", named)).toEqual(["name"]);
    expect(keyOf("apps/v1", "Deployment", "spec.template.spec.containers.env", named)).toEqual(["name"]);
    expect(keyOf("apps/v1", "Deployment", "spec.template.spec.containers.volumeMounts", [{ mountPath: "/a" }])).toEqual(["mountPath"]);
    expect(keyOf("apps/v1", "Deployment", "spec.template.spec.containers.ports", [{ containerPort: 80 }])).toEqual(["containerPort", "protocol"]);
    expect(keyOf("v1", "Service", "spec.ports", [{ port: 80, name: "http" }])).toEqual(["port", "protocol"]);
  });

  it("compares a built-in list the schema leaves unkeyed by position, even when its items have names", () => {
    expect(keyOf("v1", "ServiceAccount", "imagePullSecrets", named)).toBeNull();
    expect(keyOf("rbac.authorization.k8s.io/v1", "RoleBinding", "subjects", named)).toBeNull();
  });

  it("takes a shipped CRD's list-map keys, else falls back to the Kubernetes key of the field name, then to name", () => {
    expect(keyOf("argoproj.io/v1alpha1", "Rollout", "spec.template.spec.containers.ports", [{ containerPort: 80 }])).toEqual(["containerPort", "protocol"]);
    expect(keyOf("argoproj.io/v1alpha1", "Rollout", "spec.template.spec.containers.env", named)).toEqual(["name"]);
    expect(keyOf("argoproj.io/v1alpha1", "Application", "spec.source.helm.parameters", named)).toEqual(["name"]);
    expect(keyOf("example.com/v1", "Widget", "spec.volumeMounts", [{ mountPath: "/a", name: "x" }])).toEqual(["mountPath"]);
    expect(keyOf("example.com/v1", "Widget", "spec.steps", [{ name: "a" }, { name: "a" }])).toBeNull();
  });
});
