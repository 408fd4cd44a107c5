// The schemas shipped in the package (shipped-schemas/ at the project root, made by scripts/build-schemas.mjs):
// Kubernetes releases and the known CRD sets, converted at build time and gzipped, read only when a kind needs them.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { isObject } from "../render/resource.js";
import type { GroupVersionKind } from "./api-groups.js";
import { gvkKey } from "./api-groups.js";
import type { JsonSchema } from "./convert.js";
import type { MergeKeyTable } from "./merge-key-table.js";
import { convertedSource } from "./openapi-source.js";
import type { ResolvedSchema, SchemaSource } from "./schema-source.js";

/** One shipped file: what it holds, where upstream publishes it and the upstream version. */
export interface ShippedEntry {
  file: string;
  upstream: string;
  sources: { url: string; sha256: string }[];
}

/** shipped-schemas/index.json. */
export interface ShippedIndex {
  license: string;
  kubernetes: Record<string, ShippedEntry>;
  crds: Record<string, ShippedEntry>;
}

/** A Kubernetes release: its converted definitions and the definition of each kind. */
export interface ShippedKubernetes {
  definitions: Record<string, JsonSchema>;
  kinds: Record<string, string>;
}

/** A CRD set: one self-contained schema per (group, version, kind). */
export interface ShippedCrds {
  kinds: Record<string, JsonSchema>;
}

export const shippedFolderName = "shipped-schemas";

/** The merge-key table (schemas/merge-key-table.ts), beside the schemas it is made from. */
export const mergeKeysFileName = "merge-keys.json.gz";

/**
 * The nearest shipped-schemas/ above this module: five levels up from packages/core/{src,dist}/schemas, one from
 * the root bin bundle and three from the Action's dist/. Null when the package was built without it.
 */
const folder = findShipped(path.dirname(fileURLToPath(import.meta.url)));

function findShipped(start: string): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, shippedFolderName);
    if (existsSync(path.join(candidate, "index.json"))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

let index: ShippedIndex | null | undefined;

export function shippedIndex(): ShippedIndex | null {
  if (index === undefined) index = folder === null ? null : (JSON.parse(readFileSync(path.join(folder, "index.json"), "utf8")) as ShippedIndex);
  return index;
}

function readGzippedJson(file: string): unknown {
  return JSON.parse(gunzipSync(readFileSync(path.join(folder ?? "", file))).toString("utf8"));
}

/** The Kubernetes releases shipped, oldest first. */
export function shippedKubernetesVersions(): string[] {
  return Object.keys(shippedIndex()?.kubernetes ?? {}).sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
}

const sources = new Map<string, SchemaSource>();

/** The shipped schemas of a Kubernetes release, or null when that release is not shipped. */
export function shippedKubernetesSource(kubernetesVersion: string): SchemaSource | null {
  const entry = shippedIndex()?.kubernetes[kubernetesVersion];
  if (entry === undefined) return null;
  const id = `mergegate:kubernetes/${kubernetesVersion}`;
  let source = sources.get(id);
  if (source === undefined) {
    source = convertedSource(`Kubernetes ${kubernetesVersion} (shipped)`, id, () => {
      const data = readGzippedJson(entry.file) as ShippedKubernetes;
      const kinds = new Map(Object.entries(data.kinds));
      const groups = new Set([...kinds.keys()].map((key) => key.slice(0, key.indexOf("/"))));
      return { shared: { $id: id, definitions: data.definitions }, kinds, groups };
    });
    sources.set(id, source);
  }
  return source;
}

/** The shipped schemas of a CRD set, or null when it is not shipped. */
export function shippedCrdSource(family: string): SchemaSource | null {
  const entry = shippedIndex()?.crds[family];
  if (entry === undefined) return null;
  const id = `mergegate:crds/${family}`;
  let source = sources.get(id);
  if (source === undefined) {
    let kinds: Record<string, JsonSchema> | null = null;
    const load = (): Record<string, JsonSchema> => (kinds ??= (readGzippedJson(entry.file) as ShippedCrds).kinds);
    source = {
      name: `${family} CRDs ${entry.upstream} (shipped)`,
      covers: (group) => Object.keys(load()).some((key) => key.slice(0, key.indexOf("/")) === group),
      async schemaFor(gvk: GroupVersionKind): Promise<ResolvedSchema | null> {
        const schema = load()[gvkKey(gvk)];
        return isObject(schema) ? { cacheKey: `${id}#${gvkKey(gvk)}`, schema, shared: null } : null;
      },
    };
    sources.set(id, source);
  }
  return source;
}

let mergeKeys: MergeKeyTable | null | undefined;

/** The shipped merge-key table, read once on first use; null when the package was built without it. */
export function shippedMergeKeyTable(): MergeKeyTable | null {
  if (mergeKeys === undefined) {
    const present = folder !== null && existsSync(path.join(folder, mergeKeysFileName));
    mergeKeys = present ? (readGzippedJson(mergeKeysFileName) as MergeKeyTable) : null;
  }
  return mergeKeys;
}
