// json.patch: RFC 6902 patches (add, remove, replace, move, copy, test) applied to a Rego value, sets included
// (a set member is addressed by its own value). A patch that cannot apply makes the call undefined, as in OPA.

import { equal, ObjectValue, SetValue, type Value } from "../values.js";
import { elements, OperandError, T, type Builtin } from "./registry.js";

class PatchFailure extends Error {}

/** A path: a JSON pointer string (`/a/0`, the leading slash optional, ~0 and ~1 escapes) or an array of segments. */
function segments(path: Value | undefined): Value[] {
  if (Array.isArray(path)) return path;
  if (typeof path !== "string") throw new PatchFailure();
  const trimmed = path.replace(/^\//, "");
  if (trimmed === "") return [];
  return trimmed.split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function arrayIndex(segment: Value, length: number, appending: boolean): number {
  if (appending && segment === "-") return length;
  const index = typeof segment === "number" ? segment : typeof segment === "string" && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : NaN;
  if (!Number.isInteger(index) || index < 0 || index > (appending ? length : length - 1)) throw new PatchFailure();
  return index;
}

function child(container: Value, segment: Value): Value {
  if (container instanceof ObjectValue) {
    const found = container.get(segment);
    if (found === undefined) throw new PatchFailure();
    return found;
  }
  if (Array.isArray(container)) return container[arrayIndex(segment, container.length, false)] as Value;
  if (container instanceof SetValue && container.has(segment)) return segment;
  throw new PatchFailure();
}

function get(document: Value, path: Value[]): Value {
  return path.reduce<Value>((current, segment) => child(current, segment), document);
}

/** Returns a copy of `document` with the container at `path`'s parent changed by `change` (copy on write along the path). */
function update(document: Value, path: Value[], change: (parent: Value, last: Value) => Value): Value {
  if (path.length === 0) throw new PatchFailure();
  const [first, ...rest] = path as [Value, ...Value[]];
  if (rest.length === 0) return change(document, first);
  const inner = update(child(document, first), rest, change);
  return replaceChild(document, first, inner);
}

function replaceChild(container: Value, segment: Value, value: Value): Value {
  if (container instanceof ObjectValue) {
    const copy = container.copy();
    copy.set(segment, value);
    return copy;
  }
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[arrayIndex(segment, container.length, false)] = value;
    return copy;
  }
  if (container instanceof SetValue) {
    const copy = new SetValue(container.sorted().filter((member) => !equal(member, segment)));
    copy.add(value);
    return copy;
  }
  throw new PatchFailure();
}

function add(document: Value, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  return update(document, path, (parent, last) => {
    if (parent instanceof ObjectValue) {
      const copy = parent.copy();
      copy.set(last, value);
      return copy;
    }
    if (Array.isArray(parent)) {
      const copy = [...parent];
      copy.splice(arrayIndex(last, parent.length, true), 0, value);
      return copy;
    }
    if (parent instanceof SetValue) {
      if (!equal(last, value)) throw new PatchFailure();
      return new SetValue([...parent.sorted(), value]);
    }
    throw new PatchFailure();
  });
}

function remove(document: Value, path: Value[]): Value {
  return update(document, path, (parent, last) => {
    if (parent instanceof ObjectValue) {
      if (!parent.has(last)) throw new PatchFailure();
      const copy = parent.copy();
      copy.delete(last);
      return copy;
    }
    if (Array.isArray(parent)) {
      const copy = [...parent];
      copy.splice(arrayIndex(last, parent.length, false), 1);
      return copy;
    }
    if (parent instanceof SetValue && parent.has(last)) return new SetValue(parent.sorted().filter((member) => !equal(member, last)));
    throw new PatchFailure();
  });
}

function apply(document: Value, operation: Value): Value {
  if (!(operation instanceof ObjectValue)) throw new PatchFailure();
  const path = segments(operation.get("path"));
  const value = operation.get("value");
  switch (operation.get("op")) {
    case "add":
      if (value === undefined) throw new PatchFailure();
      return add(document, path, value);
    case "remove":
      return remove(document, path);
    case "replace":
      if (value === undefined) throw new PatchFailure();
      if (path.length === 0) return value;
      get(document, path);
      return add(remove(document, path), path, value);
    case "move": {
      const from = segments(operation.get("from"));
      const moved = get(document, from);
      return add(remove(document, from), path, moved);
    }
    case "copy":
      return add(document, path, get(document, segments(operation.get("from"))));
    case "test":
      if (value === undefined || !equal(get(document, path), value)) throw new PatchFailure();
      return document;
    default:
      throw new PatchFailure();
  }
}

function patch([document, operations]: Value[]): Value | undefined {
  if (!Array.isArray(operations) && !(operations instanceof SetValue)) throw new OperandError("operand 2 must be one of {array, set}");
  try {
    return elements(operations).reduce<Value>((current, operation) => apply(current, operation), document as Value);
  } catch (error) {
    if (error instanceof PatchFailure) return undefined;
    throw error;
  }
}

export const jsonPatchBuiltins: Builtin[] = [{ name: "json.patch", args: [T.any, T.arrayOrSet], result: T.any, implementation: patch }];
