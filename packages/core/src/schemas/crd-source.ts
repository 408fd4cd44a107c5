// Schemas from CustomResourceDefinitions: the openAPIV3Schema of each served version, made strict, with a strict metadata.
import { createHash } from "node:crypto";
import { isObject } from "../render/resource.js";
import { gvkKey, type GroupVersionKind } from "./api-groups.js";
import { convertSchema, type JsonSchema } from "./convert.js";
import { objectMetaSchema } from "./object-meta.js";
import { withSharedSubschemas } from "./shared-subschemas.js";
import type { ResolvedSchema, SchemaSource } from "./schema-source.js";

export function isCrd(object: unknown): object is Record<string, unknown> {
  return isObject(object) && object["kind"] === "CustomResourceDefinition" && typeof object["apiVersion"] === "string" && object["apiVersion"].startsWith("apiextensions.k8s.io/");
}

interface CrdVersion {
  gvk: GroupVersionKind;
  schema: unknown;
}

/** Every served version of a CRD (apiextensions v1, or v1beta1's spec.validation). */
export function crdVersions(crd: Record<string, unknown>): CrdVersion[] {
  const spec = isObject(crd["spec"]) ? crd["spec"] : {};
  const names = isObject(spec["names"]) ? spec["names"] : {};
  const group = spec["group"];
  const kind = names["kind"];
  if (typeof group !== "string" || typeof kind !== "string") return [];
  const shared = isObject(spec["validation"]) ? spec["validation"]["openAPIV3Schema"] : undefined;
  const versions = Array.isArray(spec["versions"]) ? spec["versions"].filter(isObject) : [{ name: spec["version"], served: true }];
  return versions
    .filter((version) => typeof version["name"] === "string" && version["served"] !== false)
    .map((version) => {
      const own = isObject(version["schema"]) ? version["schema"]["openAPIV3Schema"] : undefined;
      return { gvk: { group, version: version["name"] as string, kind }, schema: own ?? shared };
    });
}

/** A CRD version's schema as a strict JSON Schema for the whole object, its repeated subtrees shared. */
export function customResourceSchema(schema: unknown): JsonSchema {
  return withSharedSubschemas(strictRootSchema(schema));
}

function strictRootSchema(schema: unknown): JsonSchema {
  const root = convertSchema(schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true }, { rewriteRef: (ref) => ref, definitionName: null });
  const properties = isObject(root["properties"]) ? root["properties"] : {};
  root["properties"] = { ...properties, apiVersion: { type: "string" }, kind: { type: "string" }, metadata: objectMetaSchema };
  if (root["additionalProperties"] === undefined && isObject(schema) && schema["x-kubernetes-preserve-unknown-fields"] !== true) root["additionalProperties"] = false;
  return root;
}

/** A source over a set of CRD objects. */
export function crdSource(name: string, crds: readonly Record<string, unknown>[]): SchemaSource {
  const byKey = new Map<string, unknown>();
  const groups = new Set<string>();
  for (const crd of crds) {
    for (const version of crdVersions(crd)) {
      if (!byKey.has(gvkKey(version.gvk))) byKey.set(gvkKey(version.gvk), version.schema);
      groups.add(version.gvk.group);
    }
  }
  const resolved = new Map<string, ResolvedSchema>();
  return {
    name,
    covers: (group) => groups.has(group),
    async schemaFor(gvk) {
      const key = gvkKey(gvk);
      if (!byKey.has(key)) return null;
      let schema = resolved.get(key);
      if (schema === undefined) {
        const converted = customResourceSchema(byKey.get(key));
        const digest = createHash("sha256").update(JSON.stringify(converted)).digest("hex").slice(0, 24);
        schema = { cacheKey: `crd:${key}:${digest}`, schema: converted, shared: null };
        resolved.set(key, schema);
      }
      return schema;
    },
  };
}
