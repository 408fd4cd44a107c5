// What every schema source offers the catalog: a schema per (group, version, kind), and which API groups it covers.
import type { GroupVersionKind } from "./api-groups.js";
import type { JsonSchema } from "./convert.js";

/** A schema ready to compile; `shared` is a document it references (an OpenAPI document's definitions). */
export interface ResolvedSchema {
  /** Identifies the schema's content: the compiled validator is cached under it. */
  cacheKey: string;
  schema: JsonSchema;
  shared: { id: string; schema: JsonSchema } | null;
}

export interface SchemaSource {
  /** Human name, for messages ("CRDs in the render", a location as the user wrote it). */
  name: string;
  /** True when the source describes this API group, so a kind it lacks is unknown rather than unsourced. */
  covers(group: string): boolean;
  schemaFor(gvk: GroupVersionKind, kubernetesVersion: string): Promise<ResolvedSchema | null>;
}
