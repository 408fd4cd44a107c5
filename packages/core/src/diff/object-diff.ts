// Field-level differences between two versions of one object, as JSON pointers with before and after. Lists of
// objects with a merge key (containers, env, volumes… by name: diff/merge-keys.ts) are matched by that key, not by
// position.
import { isObject } from "../render/resource.js";
import { segmentsToPointer } from "../repo/positions.js";
import { itemKey, listKeyOf, placeBelow, placeOfItems, rootPlace, type ObjectKind, type SchemaPlace } from "./merge-keys.js";

export interface FieldChange {
  /** Pointer on the head side (a removed list item: on the base side). */
  path: string;
  /** The base side's pointer, when a list item moved (its index differs). */
  previousPath?: string;
  /** The merge key of the innermost keyed list item the change is in, e.g. { "name": "web" }. */
  key?: Record<string, string | number>;
  /** null when the field is added. */
  before: unknown;
  /** null when the field is removed. */
  after: unknown;
}

type Segments = (string | number)[];

interface Place {
  /** Head-side segments. */
  head: Segments;
  /** Base-side segments. */
  base: Segments;
  key: Record<string, string | number> | null;
  schema: SchemaPlace;
}

/** The changes from `before` to `after`; without a kind, lists are keyed as an unknown CRD's are. */
export function diffObjects(before: unknown, after: unknown, kind: ObjectKind = { apiVersion: null, kind: null }): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, { head: [], base: [], key: null, schema: rootPlace(kind) }, changes);
  return changes;
}

function push(changes: FieldChange[], place: Place, before: unknown, after: unknown, side: "head" | "base" = "head"): void {
  const path = segmentsToPointer(side === "head" ? place.head : place.base);
  const previous = segmentsToPointer(place.base);
  changes.push({ path, ...(side === "head" && previous !== path ? { previousPath: previous } : {}), ...(place.key === null ? {} : { key: place.key }), before, after });
}

const child = (place: Place, head: string | number, base: string | number, key = place.key): Place => ({
  head: [...place.head, head],
  base: [...place.base, base],
  key,
  schema: typeof head === "string" ? placeBelow(place.schema, head) : placeOfItems(place.schema),
});

function walk(before: unknown, after: unknown, place: Place, changes: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (!Object.hasOwn(after, key)) push(changes, child(place, key, key), before[key], null);
      else if (!Object.hasOwn(before, key)) push(changes, child(place, key, key), null, after[key]);
      else walk(before[key], after[key], child(place, key, key), changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const fields = listKeyOf(place.schema, place.head[place.head.length - 1], before, after);
    if (fields === null) byPosition(before, after, place, changes);
    else byKey(before as Item[], after as Item[], fields, place, changes);
    return;
  }
  if (!sameValue(before, after)) push(changes, place, before, after);
}

function byPosition(before: unknown[], after: unknown[], place: Place, changes: FieldChange[]): void {
  const length = Math.max(before.length, after.length);
  for (let index = 0; index < length; index++) {
    if (index >= after.length) push(changes, child(place, index, index), before[index], null);
    else if (index >= before.length) push(changes, child(place, index, index), null, after[index]);
    else walk(before[index], after[index], child(place, index, index), changes);
  }
}

type Item = Record<string, unknown>;

/** Items matched by their merge key: an item added at the top of `env` is one change, not one per position. */
function byKey(before: Item[], after: Item[], fields: readonly string[], place: Place, changes: FieldChange[]): void {
  const identity = (item: Item): string => JSON.stringify(itemKey(item, fields));
  const baseIndex = new Map(before.map((item, index) => [identity(item), index]));
  const headKeys = new Set(after.map(identity));
  after.forEach((item, index) => {
    const previous = baseIndex.get(identity(item));
    const key = itemKey(item, fields);
    if (previous === undefined) push(changes, child(place, index, index, key), null, item);
    else walk(before[previous], item, child(place, index, previous, key), changes);
  });
  before.forEach((item, index) => {
    if (!headKeys.has(identity(item))) push(changes, child(place, index, index, itemKey(item, fields)), item, null, "base");
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
