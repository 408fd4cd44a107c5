// Helpers that build documents: writing a value at a path, merging virtual documents, iterating collections.

import { ConflictError } from "../errors.js";
import { equal, ObjectValue, SetValue, type Value } from "../values.js";

/** Returns a copy of `document` with `value` written at `path` (creating objects on the way). */
export function upsert(document: Value | undefined, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [Value, ...Value[]];
  const base = document instanceof ObjectValue ? document.copy() : new ObjectValue();
  base.set(key, upsert(base.get(key), rest, value));
  return base;
}

/** Merges two documents for the same path: objects merge key by key, sets (multi-value rule leaves) unite; anything else must be equal. */
export function mergeDocuments(a: Value, b: Value): Value {
  if (a instanceof SetValue && b instanceof SetValue) return new SetValue([...a.sorted(), ...b.sorted()]);
  if (a instanceof ObjectValue && b instanceof ObjectValue) {
    const result = a.copy();
    for (const [key, value] of b.sortedEntries()) {
      const existing = result.get(key);
      result.set(key, existing === undefined ? value : mergeDocuments(existing, value));
    }
    return result;
  }
  if (!equal(a, b)) throw new ConflictError("object keys must be unique");
  return a;
}

/** Writes a rule result into an object at the key path; leaves must agree. `element` adds to a set leaf instead. */
export function insertAtPath(target: ObjectValue, keys: Value[], value: Value, element: boolean): void {
  let current = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as Value;
    let next = current.get(key);
    if (next === undefined) {
      next = new ObjectValue();
      current.set(key, next);
    } else if (!(next instanceof ObjectValue)) throw new ConflictError("object keys must be unique");
    current = next;
  }
  const last = keys[keys.length - 1] as Value;
  const existing = current.get(last);
  if (element) {
    if (existing === undefined) current.set(last, new SetValue([value]));
    else if (existing instanceof SetValue) existing.add(value);
    else throw new ConflictError("object keys must be unique");
    return;
  }
  if (existing !== undefined && !equal(existing, value)) throw new ConflictError("object keys must be unique");
  current.set(last, value);
}

/** Calls `visit(key, value)` for each element of a collection in OPA's order; stops when it returns true. */
export function forEachElement(collection: Value, visit: (key: Value, value: Value) => boolean): boolean {
  if (Array.isArray(collection)) {
    for (let i = 0; i < collection.length; i++) if (visit(i, collection[i] as Value)) return true;
    return false;
  }
  if (collection instanceof ObjectValue) {
    for (const [key, value] of collection.sortedEntries()) if (visit(key, value)) return true;
    return false;
  }
  if (collection instanceof SetValue) {
    for (const member of collection.sorted()) if (visit(member, member)) return true;
  }
  return false;
}
