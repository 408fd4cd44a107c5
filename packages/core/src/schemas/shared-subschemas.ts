// Repeated subtrees of one JSON Schema moved into its `definitions` and referenced, so ajv compiles each once:
// large CRDs (an ApplicationSet's generators nest the same schemas dozens of times) compile in a fraction of the time.
import { createHash } from "node:crypto";
import type { JsonSchema } from "./convert.js";

/** Subtrees shorter than this (as JSON) stay inline: a function call per small node costs more than it saves. */
const minimumShared = 400;

/**
 * Keywords whose subschemas stay inline: the schema check matches a combinator's branch errors by their schemaPath
 * below the combinator (schema-errors.ts), which a reference would move elsewhere.
 */
const inlineBelow = new Set(["anyOf", "oneOf", "not", "allOf"]);

/** Values that are data, not subschemas. */
const dataKeywords = new Set(["enum", "required", "const", "default", "examples"]);

/** The schema with each subtree of at least `minimumShared` characters that occurs more than once moved to `definitions`. */
export function withSharedSubschemas(schema: JsonSchema): JsonSchema {
  const texts = new Map<object, string>();
  const counts = new Map<string, number>();
  textOf(schema, texts, counts);
  const definitions: Record<string, JsonSchema> = {};
  const rewritten = rewrite(schema, { texts, counts, definitions });
  return Object.keys(definitions).length === 0 ? schema : { ...rewritten, definitions };
}

/** Each object node's JSON text (remembered in `texts`), counting the large ones that are subschemas. */
function textOf(node: unknown, texts: Map<object, string>, counts: Map<string, number> | null): string {
  if (typeof node !== "object" || node === null) return JSON.stringify(node);
  if (Array.isArray(node)) return `[${node.map((item) => textOf(item, texts, counts)).join(",")}]`;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    const below = dataKeywords.has(key) ? JSON.stringify(value) : key === "properties" ? propertiesText(value, texts, counts) : textOf(value, texts, counts);
    parts.push(`${JSON.stringify(key)}:${below}`);
  }
  const text = `{${parts.join(",")}}`;
  texts.set(node, text);
  if (counts !== null && text.length >= minimumShared) counts.set(text, (counts.get(text) ?? 0) + 1);
  return text;
}

/** A `properties` map is not a schema itself: its values are. */
function propertiesText(properties: unknown, texts: Map<object, string>, counts: Map<string, number> | null): string {
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return JSON.stringify(properties);
  return `{${Object.entries(properties as JsonSchema).map(([name, value]) => `${JSON.stringify(name)}:${textOf(value, texts, counts)}`).join(",")}}`;
}

interface Sharing {
  texts: Map<object, string>;
  counts: Map<string, number>;
  definitions: Record<string, JsonSchema>;
}

function rewrite(schema: JsonSchema, sharing: Sharing): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dataKeywords.has(key) || inlineBelow.has(key) || typeof value !== "object" || value === null) out[key] = value;
    else if (key === "properties") out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, property]) => [name, subschema(property, sharing)]));
    else if (Array.isArray(value)) out[key] = value.map((item) => subschema(item, sharing));
    else out[key] = subschema(value, sharing);
  }
  return out;
}

/** A subschema, or a reference to its one copy in `definitions` when it is large and repeated. */
function subschema(node: unknown, sharing: Sharing): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const text = sharing.texts.get(node) ?? textOf(node, sharing.texts, null);
  const rewritten = rewrite(node as JsonSchema, sharing);
  if ((sharing.counts.get(text) ?? 0) < 2) return rewritten;
  const name = createHash("sha256").update(text).digest("hex").slice(0, 16);
  sharing.definitions[name] ??= rewritten;
  return { $ref: `#/definitions/${name}` };
}
