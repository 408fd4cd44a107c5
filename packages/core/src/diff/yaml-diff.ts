// The unified YAML diff of one changed object, as `kubectl diff` shows it: both versions as YAML with sorted keys,
// compared line by line — after the base's keyed lists are put in the head's order (items matched by merge key), so
// a moved or inserted list item is its own lines, not a rewrite of every item after it.
import { stringify } from "yaml";
import { isObject } from "../render/resource.js";
import { diffLines, hunkLines, hunks } from "./line-diff.js";
import { itemKey, listKeyOf, placeBelow, placeOfItems, rootPlace, type SchemaPlace } from "./merge-keys.js";
import type { ObjectKind } from "./object-diff.js";

/** The hunks of the object's unified diff (`@@ … @@` and their lines), without the `---`/`+++` header. */
export function yamlDiff(before: unknown, after: unknown, kind: ObjectKind): string[] {
  const aligned = align(before, after, rootPlace(kind.apiVersion, kind.kind), undefined);
  return hunks(diffLines(yamlLines(aligned), yamlLines(after))).flatMap(hunkLines);
}

/** YAML 1.1 quoting, as Kubernetes reads it: the string "on" is written `"on"`, not as a boolean. */
function yamlLines(value: unknown): string[] {
  return stringify(value, { version: "1.1", sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, "").split("\n");
}

type Item = Record<string, unknown>;

/** `before` with every list keyed on both sides in the head's order; items only the base has stay after the item they followed. */
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
