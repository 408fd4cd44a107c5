// Identity of a Kubernetes object, and the test for "this YAML document is meant to be a manifest".
import type { KubeObject, ResourceKey } from "../types.js";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function resourceKeyOf(object: KubeObject): ResourceKey {
  const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
  return {
    apiVersion: stringOrNull(object["apiVersion"]),
    kind: stringOrNull(object["kind"]),
    namespace: stringOrNull(metadata["namespace"]),
    name: stringOrNull(metadata["name"]),
  };
}

/** A document is a manifest candidate when it is a mapping with apiVersion, kind or metadata. */
export function looksLikeManifest(value: unknown): value is KubeObject {
  return isObject(value) && ("apiVersion" in value || "kind" in value || "metadata" in value);
}

/** `kind: List` (and `*List`) documents hold their objects in `items`. */
export function isListObject(object: KubeObject): boolean {
  const kind = object["kind"];
  return typeof kind === "string" && kind.endsWith("List") && Array.isArray(object["items"]);
}

export function describeKey(key: ResourceKey): string {
  const namespace = key.namespace === null ? "" : `${key.namespace}/`;
  return `${key.kind ?? "<no kind>"} ${namespace}${key.name ?? "<no name>"}`;
}
