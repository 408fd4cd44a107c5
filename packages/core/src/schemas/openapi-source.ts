// Schemas from a Kubernetes OpenAPI v2 or v3 document (the release's swagger.json, or `kubectl get --raw /openapi/v2`).
import { isBuiltInGroup, gvkKey, type GroupVersionKind } from "./api-groups.js";
import { convertSchema, type JsonSchema } from "./convert.js";
import type { ResolvedSchema, SchemaSource } from "./schema-source.js";

/** Definitions whose OpenAPI form is narrower than what the API server accepts. */
const definitionOverrides: Record<string, JsonSchema> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": { type: ["string", "number", "null"] },
};

export function isOpenApiDocument(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && ("swagger" in value || "openapi" in value) && definitionsOf(value as Record<string, unknown>) !== null;
}

function definitionsOf(document: Record<string, unknown>): Record<string, unknown> | null {
  const components = document["components"] as Record<string, unknown> | undefined;
  const definitions = document["definitions"] ?? components?.["schemas"];
  return typeof definitions === "object" && definitions !== null ? (definitions as Record<string, unknown>) : null;
}

/** Every definition converted into one shared schema document `id`, and the definition name of each kind. */
export function convertDocument(document: Record<string, unknown>, id: string): { shared: JsonSchema; kinds: Map<string, string>; groups: Set<string> } {
  const definitions = definitionsOf(document) ?? {};
  const rewriteRef = (ref: string): string => `${id}#/definitions/${ref.replace(/^#\/(?:definitions|components\/schemas)\//, "")}`;
  const converted: JsonSchema = {};
  const kinds = new Map<string, string>();
  const groups = new Set<string>();
  for (const [name, definition] of Object.entries(definitions)) {
    converted[name] = definitionOverrides[name] ?? convertSchema(definition, { rewriteRef, definitionName: name });
    for (const gvk of groupVersionKinds(definition)) {
      kinds.set(gvkKey(gvk), name);
      groups.add(gvk.group);
    }
  }
  return { shared: { $id: id, definitions: converted }, kinds, groups };
}

function groupVersionKinds(definition: unknown): GroupVersionKind[] {
  const list = (definition as Record<string, unknown> | null)?.["x-kubernetes-group-version-kind"];
  return Array.isArray(list) ? (list as GroupVersionKind[]).filter((gvk) => typeof gvk.kind === "string" && typeof gvk.version === "string") : [];
}

export type ConvertedDocument = ReturnType<typeof convertDocument>;

/** A source over one OpenAPI document; `id` names its content (path and modification time, or the release). */
export function openApiSource(name: string, id: string, load: () => Record<string, unknown>): SchemaSource {
  return convertedSource(name, id, () => convertDocument(load(), id));
}

/** A source over a converted document (converted now, or at build time: the schemas shipped in the package). */
export function convertedSource(name: string, id: string, load: () => ConvertedDocument): SchemaSource {
  let converted: ConvertedDocument | null = null;
  const document = (): ConvertedDocument => (converted ??= load());
  return {
    name,
    covers: (group) => isBuiltInGroup(group) || document().groups.has(group),
    async schemaFor(gvk): Promise<ResolvedSchema | null> {
      const { shared, kinds } = document();
      const definition = kinds.get(gvkKey(gvk));
      if (definition === undefined) return null;
      return { cacheKey: `${id}#${definition}`, schema: { $ref: `${id}#/definitions/${definition}` }, shared: { id, schema: shared } };
    },
  };
}
