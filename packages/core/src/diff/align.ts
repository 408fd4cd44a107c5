// The base version of a changed object with its keyed lists in the head's order (items matched by merge key, as
// the field diff matches them), so that a line diff of the two versions shows a moved or inserted list item as its
// own lines, not as a rewrite of every item after it.
import { isObject } from "../render/resource.js";
import { itemKey, listKeyOf, placeBelow, placeOfItems, rootPlace, type ObjectKind, type SchemaPlace } from "./merge-keys.js";

/** `before` with every list keyed on both sides in the head's order; items only the base has stay after the item they followed. */
export function alignToHead(before: unknown, after: unknown, kind: ObjectKind): unknown {
  return align(before, after, rootPlace(kind), undefined);
}

type Item = Record<string, unknown>;

function align(before: unknown, after: unknown, place: SchemaPlace, field: string | undefined): unknown {
  if (isObject(before) && isObject(after)) {
    return Object.fromEntries(Object.entries(before).map(([name, value]) => [name, Object.hasOwn(after, name) ? align(value, after[name], placeBelow(place, name), name) : value]));
  }
  if (!Array.isArray(before) || !Array.isArray(after)) return before;
  const fields = listKeyOf(place, field, before, after);
  const items = placeOfItems(place);
  if (fields === null) return before.map((item, index) => (index < after.length ? align(item, after[index], items, undefined) : item));
  const identity = (item: unknown): string => JSON.stringify(itemKey(item as Item, fields));
  const inHead = new Set(after.map(identity));
  // Each run of items only the base has, by the matched item before it (-1: the start of the list).
  const followers = new Map<number, unknown[]>();
  let previous = -1;
  before.forEach((item, index) => {
    if (inHead.has(identity(item))) previous = index;
    else {
      const run = followers.get(previous);
      if (run === undefined) followers.set(previous, [item]);
      else run.push(item);
    }
  });
  const baseIndex = new Map(before.map((item, index) => [identity(item), index]));
  const result: unknown[] = [...(followers.get(-1) ?? [])];
  for (const item of after) {
    const index = baseIndex.get(identity(item));
    if (index === undefined) continue;
    result.push(align(before[index], item, items, undefined), ...(followers.get(index) ?? []));
  }
  return result;
}
