// The converter: one OpenAPI (v2 definition, v3 component or CRD openAPIV3Schema) node → a strict JSON Schema node.
// Strict: objects with properties reject unknown fields unless x-kubernetes-preserve-unknown-fields says otherwise.
import { overlayFor } from "./enum-overlay.js";

export type JsonSchema = Record<string, unknown>;

export interface ConvertOptions {
  /** Rewrites a $ref of the source document into one the compiled schema resolves. */
  rewriteRef: (ref: string) => string;
  /** The OpenAPI definition name of the node, for the enum overlay (null inside CRDs). */
  definitionName: string | null;
}

/** Formats checked by the validator; every other format (duration above all: Go durations) is dropped. */
const checkedFormats = new Set(["int32", "int64", "date-time"]);

/** Keywords copied unchanged. */
const plainKeywords = ["required", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf"];

export function convertSchema(node: unknown, options: ConvertOptions): JsonSchema {
  return convertNode(node, options.definitionName, options, true);
}

function convertNode(node: unknown, definitionName: string | null, options: ConvertOptions, closable: boolean): JsonSchema {
  if (typeof node !== "object" || node === null) return {};
  const source = node as JsonSchema;
  if (typeof source["$ref"] === "string") return { $ref: options.rewriteRef(source["$ref"]) };
  const out: JsonSchema = {};
  const intOrString = source["x-kubernetes-int-or-string"] === true || source["format"] === "int-or-string";
  const type = typeOf(source, intOrString);
  if (type !== null) out["type"] = type;
  copyPlain(source, out);
  copyNumericBounds(source, out);
  copyPattern(source, out);
  copyFormat(source, out);
  if (Array.isArray(source["enum"])) out["enum"] = [...(source["enum"] as unknown[]), null];
  const properties = propertiesOf(source, definitionName, options);
  if (properties !== null) out["properties"] = properties;
  copyAdditionalProperties(source, out, options, closable && properties !== null);
  if (source["items"] !== undefined) out["items"] = convertItems(source["items"], options);
  if (!intOrString) copyCombinators(source, out, options);
  return out;
}

function typeOf(source: JsonSchema, intOrString: boolean): string[] | null {
  if (intOrString) return ["integer", "string", "null"];
  const type = source["type"];
  if (typeof type === "string") return [type, "null"];
  if (Array.isArray(type)) return [...new Set([...(type as string[]), "null"])];
  return null;
}

function copyPlain(source: JsonSchema, out: JsonSchema): void {
  for (const keyword of plainKeywords) if (source[keyword] !== undefined) out[keyword] = source[keyword];
  if (Array.isArray(out["required"]) && out["required"].length === 0) delete out["required"];
}

/** OpenAPI 2 / 3.0 write exclusive bounds as booleans beside minimum/maximum; JSON Schema uses numbers. */
function copyNumericBounds(source: JsonSchema, out: JsonSchema): void {
  for (const [bound, exclusive] of [["minimum", "exclusiveMinimum"], ["maximum", "exclusiveMaximum"]] as const) {
    const value = source[bound];
    const flag = source[exclusive];
    if (typeof flag === "number") out[exclusive] = flag;
    if (typeof value !== "number") continue;
    out[flag === true ? exclusive : bound] = value;
  }
}

/** Go's regexp (RE2) and JavaScript's differ; a pattern JavaScript cannot compile is left out rather than guessed. */
function copyPattern(source: JsonSchema, out: JsonSchema): void {
  const pattern = source["pattern"];
  if (typeof pattern !== "string") return;
  try {
    new RegExp(pattern, "u");
    out["pattern"] = pattern;
  } catch {
    // not expressible in JavaScript: skipped
  }
}

function copyFormat(source: JsonSchema, out: JsonSchema): void {
  const format = source["format"];
  if (typeof format === "string" && checkedFormats.has(format)) out["format"] = format;
}

function propertiesOf(source: JsonSchema, definitionName: string | null, options: ConvertOptions): JsonSchema | null {
  const properties = source["properties"];
  const embedded = source["x-kubernetes-embedded-resource"] === true;
  if ((typeof properties !== "object" || properties === null) && !embedded) return null;
  const overlay = overlayFor(definitionName);
  const out: JsonSchema = {};
  for (const [name, property] of Object.entries((properties ?? {}) as JsonSchema)) {
    const converted = convertNode(property, null, options, true);
    const allowed = overlay?.[name];
    if (allowed !== undefined) applyEnum(converted, allowed);
    out[name] = converted;
  }
  if (embedded) addEmbeddedIdentity(out);
  return out;
}

/** Puts the overlay's values on a string field, or on the items of a list of strings. */
function applyEnum(schema: JsonSchema, allowed: readonly string[]): void {
  const items = schema["items"];
  const target = typeof items === "object" && items !== null ? (items as JsonSchema) : schema;
  if (target["enum"] === undefined) target["enum"] = [...allowed, null];
}

/** x-kubernetes-embedded-resource: the object is a whole Kubernetes object, with apiVersion, kind and metadata. */
function addEmbeddedIdentity(properties: JsonSchema): void {
  properties["apiVersion"] ??= { type: ["string", "null"] };
  properties["kind"] ??= { type: ["string", "null"] };
  properties["metadata"] ??= { type: ["object", "null"] };
}

function copyAdditionalProperties(source: JsonSchema, out: JsonSchema, options: ConvertOptions, close: boolean): void {
  const additional = source["additionalProperties"];
  if (typeof additional === "object" && additional !== null) out["additionalProperties"] = convertNode(additional, null, options, true);
  else if (typeof additional === "boolean") out["additionalProperties"] = additional;
  else if (close && source["x-kubernetes-preserve-unknown-fields"] !== true) out["additionalProperties"] = false;
}

function convertItems(items: unknown, options: ConvertOptions): unknown {
  return Array.isArray(items) ? items.map((item) => convertNode(item, null, options, true)) : convertNode(items, null, options, true);
}

/** allOf / anyOf / oneOf / not restrict the node they sit on: their branches never close it further. */
function copyCombinators(source: JsonSchema, out: JsonSchema, options: ConvertOptions): void {
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const branches = source[keyword];
    if (Array.isArray(branches)) out[keyword] = branches.map((branch) => convertNode(branch, null, options, false));
  }
  if (typeof source["not"] === "object" && source["not"] !== null) out["not"] = convertNode(source["not"], null, options, false);
}
