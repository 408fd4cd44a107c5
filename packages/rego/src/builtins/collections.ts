// Builtins over arrays, sets and objects: array.concat, array.slice, object.get, set union/intersection, |, &, membership.

import { numberFromText } from "../number-text.js";
import { equal, isNumber, ObjectValue, SetValue, type Value } from "../values.js";
import { isInteger, toFloatNumber, type RegoNumber } from "./numbers.js";
import { guardCollectionLength } from "./budget.js";
import { BuiltinFailure, elements, OperandError, T, type Builtin } from "./registry.js";

function slice([array, start, stop]: Value[]): Value {
  const items = array as Value[];
  if (!isInteger(start as RegoNumber)) throw new OperandError("operand 2 must be integer number but got floating-point number");
  if (!isInteger(stop as RegoNumber)) throw new OperandError("operand 3 must be integer number but got floating-point number");
  const from = Math.max(0, toFloatNumber(start as RegoNumber));
  const to = Math.min(items.length, toFloatNumber(stop as RegoNumber));
  return from >= to ? [] : items.slice(from, to);
}

function objectGet([object, key, fallback]: Value[]): Value {
  const source = object as ObjectValue;
  if (!Array.isArray(key)) {
    const value = source.get(key as Value);
    return value === undefined ? (fallback as Value) : value;
  }
  let current: Value | undefined = source;
  for (const part of key) {
    current = lookup(current, part);
    if (current === undefined) return fallback as Value;
  }
  return current;
}

/** array.flatten: one level, as OPA's own test cases show (arrays nested deeper stay arrays). */
function flatten(items: Value[]): Value[] {
  return items.flatMap((item) => (Array.isArray(item) ? item : [item]));
}

/** Looks a key up in any collection; undefined when absent. */
export function lookup(collection: Value | undefined, key: Value): Value | undefined {
  if (collection instanceof ObjectValue) return collection.get(key);
  if (Array.isArray(collection)) {
    if (typeof key !== "number" || !Number.isInteger(key) || key < 0) return undefined;
    return collection[key];
  }
  if (collection instanceof SetValue) return collection.has(key) ? key : undefined;
  return undefined;
}

function setOf(value: Value, position: number): SetValue {
  if (!(value instanceof SetValue)) throw new OperandError(`operand ${position} must be set but got ${Array.isArray(value) ? "array" : typeof value}`);
  return value;
}

function unionAll([sets]: Value[]): Value {
  const result = new SetValue();
  for (const set of (sets as SetValue).sorted()) for (const item of setOf(set, 1).sorted()) result.add(item);
  return result;
}

function intersectAll([sets]: Value[]): Value {
  const all = (sets as SetValue).sorted().map((set) => setOf(set, 1));
  if (all.length === 0) return new SetValue();
  return new SetValue((all[0] as SetValue).sorted().filter((item) => all.every((set) => set.has(item))));
}

/** `x in collection`: membership among the values (arrays, objects) or members (sets). */
export function memberOf(item: Value, collection: Value): boolean {
  if (collection instanceof SetValue) return collection.has(item);
  if (Array.isArray(collection)) return collection.some((element) => equal(element, item));
  if (collection instanceof ObjectValue) return collection.sortedEntries().some(([, value]) => equal(value, item));
  return false;
}

function memberWithKey([key, value, collection]: Value[]): Value {
  const found = lookup(collection as Value, key as Value);
  if (collection instanceof SetValue) return found !== undefined && equal(key as Value, value as Value);
  return found !== undefined && equal(found, value as Value);
}

function concatArrays(a: Value[], b: Value[]): Value[] {
  guardCollectionLength("array.concat", a.length + b.length);
  return [...a, ...b];
}

export const collectionBuiltins: Builtin[] = [
  { name: "array.concat", args: [T.array, T.array], result: T.array, implementation: ([a, b]) => concatArrays(a as Value[], b as Value[]) },
  { name: "array.slice", args: [T.array, T.number, T.number], result: T.array, intOperands: [1, 2], implementation: slice },
  { name: "array.flatten", args: [T.array], result: T.array, implementation: ([a]) => flatten(a as Value[]) },
  { name: "array.reverse", args: [T.array], result: T.array, implementation: ([a]) => [...(a as Value[])].reverse() },
  { name: "object.get", args: [T.object, T.any, T.any], result: T.any, implementation: objectGet },
  { name: "or", args: [T.set, T.set], result: T.set, implementation: ([a, b]) => new SetValue([...(a as SetValue).sorted(), ...(b as SetValue).sorted()]) },
  { name: "and", args: [T.set, T.set], result: T.set, implementation: ([a, b]) => new SetValue((a as SetValue).sorted().filter((item) => (b as SetValue).has(item))) },
  { name: "union", args: [T.set], result: T.set, implementation: unionAll },
  { name: "intersection", args: [T.set], result: T.set, implementation: intersectAll },
  { name: "internal.member_2", args: [T.any, T.any], result: T.boolean, implementation: ([item, collection]) => memberOf(item as Value, collection as Value) },
  { name: "internal.member_3", args: [T.any, T.any, T.any], result: T.boolean, implementation: memberWithKey },
  { name: "to_number", args: [["null", "boolean", "number", "string"]], result: T.number, implementation: toNumber },
];

function toNumber([value]: Value[]): Value | undefined {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (isNumber(value)) return value;
  const text = value as string;
  if (/^[+-]?[0-9]+$/.test(text)) {
    const big = BigInt(text);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }
  if (/^[+-]?(inf|infinity|nan)$/i.test(text)) throw new OperandError(`operand 1 must be a finite number but got ${JSON.stringify(text)}`);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new BuiltinFailure(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  // OPA makes the number of the string's text (ast.Number(text)), so to_number("1.50") keeps "1.50".
  return numberFromText(text) ?? Number(text);
}

