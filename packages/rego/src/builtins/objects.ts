// Object builtins: object.keys|union|union_n|remove|filter|subset and json.filter|remove, OPA's path-based pruning.

import { equal, ObjectValue, SetValue, type Value } from "../values.js";
import { BuiltinFailure, elements, expectOperand, OperandError, T, type Builtin } from "./registry.js";

/** Deep merge: b's values win, nested objects merge recursively. */
export function mergeObjects(a: ObjectValue, b: ObjectValue): ObjectValue {
  const result = a.copy();
  for (const [key, value] of b.sortedEntries()) {
    const existing = result.get(key);
    result.set(key, existing instanceof ObjectValue && value instanceof ObjectValue ? mergeObjects(existing, value) : value);
  }
  return result;
}

function unionMany([objects]: Value[]): Value {
  let result = new ObjectValue();
  for (const item of objects as Value[]) {
    if (!(item instanceof ObjectValue)) throw new OperandError(`operand 1 must be array of objects but got array containing ${Array.isArray(item) ? "array" : typeof item}`);
    result = mergeObjects(result, item);
  }
  return result;
}

/** The keys named by object.remove/object.filter's second operand: an array, a set or an object's keys. */
function keysOf(value: Value): Value[] {
  expectOperand(2, value, "object", "set", "array");
  return value instanceof ObjectValue ? value.keys() : elements(value);
}

function removeKeys([object, keys]: Value[]): Value {
  expectOperand(1, object as Value, "object");
  const result = (object as ObjectValue).copy();
  for (const key of keysOf(keys as Value)) result.delete(key);
  return result;
}

function filterKeys([object, keys]: Value[]): Value {
  expectOperand(1, object as Value, "object");
  const source = object as ObjectValue;
  const result = new ObjectValue();
  for (const key of keysOf(keys as Value)) {
    const value = source.get(key);
    if (value !== undefined) result.set(key, value);
  }
  return result;
}

/** OPA's object.subset: objects recursively, sets by membership, arrays as contiguous runs, a set within an array. */
export function isSubset(whole: Value, part: Value): boolean {
  if (whole instanceof ObjectValue && part instanceof ObjectValue) {
    return part.sortedEntries().every(([key, value]) => {
      const candidate = whole.get(key);
      if (candidate === undefined) return false;
      if (candidate instanceof ObjectValue && value instanceof ObjectValue) return isSubset(candidate, value);
      if (candidate instanceof SetValue && value instanceof SetValue) return isSubset(candidate, value);
      if (Array.isArray(candidate) && Array.isArray(value)) return isSubset(candidate, value);
      return equal(candidate, value);
    });
  }
  if (whole instanceof SetValue && part instanceof SetValue) return part.sorted().every((item) => whole.has(item));
  if (Array.isArray(whole) && part instanceof SetValue) return part.sorted().every((item) => whole.some((element) => equal(element, item)));
  if (Array.isArray(whole) && Array.isArray(part)) return containsRun(whole, part);
  throw new BuiltinFailure("both arguments must be objects, sets or arrays (or an array and a set)");
}

function containsRun(whole: Value[], part: Value[]): boolean {
  if (part.length === 0) return true;
  for (let start = 0; start + part.length <= whole.length; start++) {
    if (part.every((item, offset) => equal(whole[start + offset] as Value, item))) return true;
  }
  return false;
}

/** Paths of json.filter/json.remove: "a/b" strings (with ~0 ~1 escapes) or arrays of segments. */
export function jsonPaths(name: string, value: Value): Value[][] {
  expectOperand(2, value, "set", "array");
  return elements(value).map((path) => {
    if (typeof path === "string") return path.replace(/^\//, "").split("/").filter((segment, index, all) => segment !== "" || all.length > 1).map(unescapePointer);
    if (Array.isArray(path)) return path;
    throw new OperandError(`operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeof path === "object" && path !== null ? (path instanceof ObjectValue ? "object" : "set") : typeof path}`);
  }).filter((path) => name === "json.filter" || path.length > 0);
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A trie of paths; a node with `end` set covers its whole subtree. */
interface PathNode {
  end: boolean;
  children: Map<string, [Value, PathNode]>;
}

function pathTrie(paths: Value[][]): PathNode {
  const root: PathNode = { end: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = JSON.stringify(typeof segment === "string" ? segment : String(segment));
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = [segment, { end: false, children: new Map() }]));
      node = next[1];
    }
    node.end = true;
  }
  return root;
}

function childValue(value: Value, segment: Value): [Value, Value] | undefined {
  if (value instanceof ObjectValue) {
    const found = value.get(segment) ?? (typeof segment !== "string" ? undefined : value.sortedEntries().find(([key]) => String(key) === segment)?.[1]);
    return found === undefined ? undefined : [segment, found];
  }
  if (Array.isArray(value)) {
    const index = Number(segment);
    return Number.isInteger(index) && index >= 0 && index < value.length ? [index, value[index] as Value] : undefined;
  }
  if (value instanceof SetValue) {
    const member = value.sorted().find((item) => equal(item, segment) || (typeof item !== "string" && String(item) === segment));
    return member === undefined ? undefined : [member, member];
  }
  return undefined;
}

function keep(value: Value, node: PathNode): Value {
  if (node.end) return value;
  if (value instanceof ObjectValue) {
    const result = new ObjectValue();
    for (const [, [segment, child]] of node.children) {
      const found = childValue(value, segment);
      if (found) result.set(value.has(found[0]) ? found[0] : segment, keep(found[1], child));
    }
    return result;
  }
  if (Array.isArray(value)) {
    const kept: [number, Value][] = [];
    for (const [, [segment, child]] of node.children) {
      const found = childValue(value, segment);
      if (found) kept.push([found[0] as number, keep(found[1], child)]);
    }
    return kept.sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
  }
  if (value instanceof SetValue) {
    const result = new SetValue();
    for (const [, [segment, child]] of node.children) {
      const found = childValue(value, segment);
      if (found) result.add(keep(found[1], child));
    }
    return result;
  }
  return value;
}

function drop(value: Value, node: PathNode): Value {
  if (value instanceof ObjectValue) {
    const result = new ObjectValue();
    for (const [key, item] of value.sortedEntries()) {
      const child = node.children.get(JSON.stringify(typeof key === "string" ? key : String(key)))?.[1];
      if (child?.end) continue;
      result.set(key, child ? drop(item, child) : item);
    }
    return result;
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const child = node.children.get(JSON.stringify(String(index)))?.[1];
      if (child?.end) return [];
      return [child ? drop(item, child) : item];
    });
  }
  if (value instanceof SetValue) {
    const result = new SetValue();
    for (const item of value.sorted()) {
      const child = node.children.get(JSON.stringify(typeof item === "string" ? item : String(item)))?.[1];
      if (child?.end) continue;
      result.add(child ? drop(item, child) : item);
    }
    return result;
  }
  return value;
}

function jsonFilter([object, paths]: Value[]): Value {
  expectOperand(1, object as Value, "object");
  return keep(object as Value, pathTrie(jsonPaths("json.filter", paths as Value)));
}

function jsonRemove([object, paths]: Value[]): Value {
  expectOperand(1, object as Value, "object");
  return drop(object as Value, pathTrie(jsonPaths("json.remove", paths as Value)));
}

export const objectBuiltins: Builtin[] = [
  { name: "object.keys", args: [T.object], result: T.set, implementation: ([object]) => new SetValue((object as ObjectValue).keys()) },
  {
    name: "object.union",
    args: [T.any, T.any],
    result: T.object,
    implementation: ([a, b]) => {
      expectOperand(1, a as Value, "object");
      expectOperand(2, b as Value, "object");
      return mergeObjects(a as ObjectValue, b as ObjectValue);
    },
  },
  { name: "object.union_n", args: [T.array], result: T.object, implementation: unionMany },
  { name: "object.remove", args: [T.any, T.any], result: T.object, implementation: removeKeys },
  { name: "object.filter", args: [T.any, T.any], result: T.object, implementation: filterKeys },
  { name: "object.subset", args: [["object", "set", "array"], ["object", "set", "array"]], result: T.boolean, implementation: ([a, b]) => isSubset(a as Value, b as Value) },
  { name: "json.filter", args: [T.any, T.any], result: T.any, implementation: jsonFilter },
  { name: "json.remove", args: [T.any, T.any], result: T.any, implementation: jsonRemove },
];
