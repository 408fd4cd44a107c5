// Which fields identify the items of a list, as the API's schema declares them (`x-kubernetes-list-map-keys`, else
// `x-kubernetes-patch-merge-key`: containers and env by name, volume mounts by mountPath, container ports by
// containerPort and protocol…), read from the table shipped beside the schemas (schemas/merge-key-table.ts) and,
// for the CRDs an environment's render holds, from their own schemas (a table made on first use).
// A built-in kind's schema is the whole truth: a list it does not key is compared by position. A CRD or an unknown
// kind falls back, for a list its schema does not key, to the key Kubernetes gives a list of that field name, then
// to `name`.
import { isObject } from "../render/resource.js";
import type { MergeKeyNode, MergeKeyTable } from "../schemas/merge-key-table.js";
import { shippedMergeKeyTable } from "../schemas/shipped.js";

/** Where a walk through an object stands in its kind's merge-key table. */
export interface SchemaPlace {
  /** The value's node (a list's: its items' node). */
  node: MergeKeyNode | null;
  /** A list's key fields, when its schema declares them. */
  key: readonly string[] | null;
  /** Built-in kind: no fallback for lists the schema leaves unkeyed. */
  strict: boolean;
  /** The nodes of the table the kind is described in. */
  nodes: MergeKeyTable["nodes"];
}

const emptyTable: MergeKeyTable = { kubernetes: {}, crds: {}, nodes: {}, fieldKeys: {} };

const table = (): MergeKeyTable => shippedMergeKeyTable() ?? emptyTable;

/** A record's own entry: a field named `constructor` or `__proto__` is not a key of the table. */
function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The kind whose schema says which lists are keyed, and the table of the CRDs beside it (its render's), if any. */
export interface ObjectKind {
  apiVersion: string | null;
  kind: string | null;
  /** Made on first use: most diffs have no kind it describes. */
  localCrds?: () => MergeKeyTable;
}

/** The place of an object's root: a built-in kind's, else its CRD's in the render, else a shipped CRD's. */
export function rootPlace(object: ObjectKind): SchemaPlace {
  const { apiVersion, kind } = object;
  const slash = apiVersion?.lastIndexOf("/") ?? -1;
  const gvk = `${slash === -1 ? "" : apiVersion?.slice(0, slash)}/${apiVersion?.slice(slash + 1) ?? ""}/${kind ?? ""}`;
  const shipped = table();
  if (Object.hasOwn(shipped.kubernetes, gvk)) return { node: nodeNamed(shipped.nodes, own(shipped.kubernetes, gvk)), key: null, strict: true, nodes: shipped.nodes };
  const local = object.localCrds?.();
  if (local !== undefined && Object.hasOwn(local.crds, gvk)) return { node: nodeNamed(local.nodes, own(local.crds, gvk)), key: null, strict: false, nodes: local.nodes };
  return { node: nodeNamed(shipped.nodes, own(shipped.crds, gvk)), key: null, strict: false, nodes: shipped.nodes };
}

function nodeNamed(nodes: MergeKeyTable["nodes"], name: string | null | undefined): MergeKeyNode | null {
  return name === null || name === undefined ? null : (own(nodes, name) ?? null);
}

/** The place of a field's value. */
export function placeBelow(place: SchemaPlace, field: string): SchemaPlace {
  if (place.node === null) return place.key === null ? place : { ...place, key: null }; // nothing keyed below: no new place
  const entry = own(place.node, field) ?? own(place.node, "*");
  return { ...place, node: nodeNamed(place.nodes, entry?.node), key: entry?.key ?? null };
}

/** The place of a list's items. */
export function placeOfItems(place: SchemaPlace): SchemaPlace {
  return { ...place, key: null };
}

type Item = Record<string, unknown>;

const isScalar = (value: unknown): value is string | number => typeof value === "string" || typeof value === "number";

/** An item's identity under key fields: the values of those it has. */
export function itemKey(item: Item, fields: readonly string[]): Record<string, string | number> {
  const key: Record<string, string | number> = {};
  for (const field of fields) {
    const value = item[field];
    if (isScalar(value)) key[field] = value;
  }
  return key;
}

/** Whether every item has the first key field and no two items of one side share a key. */
function identifies(fields: readonly string[], before: readonly unknown[], after: readonly unknown[]): boolean {
  const first = fields[0];
  if (first === undefined) return false;
  if (![...before, ...after].every((item) => isObject(item) && isScalar(item[first]))) return false;
  const unique = (side: readonly unknown[]): boolean => new Set(side.map((item) => JSON.stringify(itemKey(item as Item, fields)))).size === side.length;
  return unique(before) && unique(after);
}

/**
 * The key fields of the list named `field` at `place` when they identify both sides' items; null when the list is
 * compared by position.
 */
export function listKeyOf(place: SchemaPlace, field: string | number | undefined, before: readonly unknown[], after: readonly unknown[]): readonly string[] | null {
  if (typeof field !== "string") return null;
  const candidates = place.key !== null ? [place.key] : place.strict ? [] : [...(own(table().fieldKeys, field) ?? []), ["name"]];
  return candidates.find((fields) => identifies(fields, before, after)) ?? null;
}
