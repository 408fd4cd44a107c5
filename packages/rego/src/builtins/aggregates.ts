// Aggregate builtins over collections: count, sum, product, max, min, sort, all, any.

import { compare, isNumber, ObjectValue, SetValue, type Value } from "../values.js";
import { add, multiply, type RegoNumber } from "./numbers.js";
import { elements, OperandError, T, type Builtin } from "./registry.js";

function numbers(collection: Value): RegoNumber[] {
  const items = elements(collection);
  for (const item of items) {
    if (!isNumber(item)) throw new OperandError(`operand 1 must be one of {array, set} but got ${Array.isArray(collection) ? "array" : "set"} containing ${item === null ? "null" : typeof item}`);
  }
  return items as RegoNumber[];
}

/** max or min; of equal items the last wins, as in OPA (max([1, 1.0]) is 1.0). */
function extreme(collection: Value, sign: number): Value | undefined {
  const items = elements(collection);
  if (items.length === 0) return undefined;
  return items.reduce((best, item) => (compare(item, best) * sign >= 0 ? item : best));
}

export const aggregateBuiltins: Builtin[] = [
  {
    name: "count",
    args: [["array", "object", "set", "string"]],
    result: T.number,
    implementation: ([value]) => {
      if (typeof value === "string") return [...value].length;
      if (Array.isArray(value)) return value.length;
      return (value as SetValue | ObjectValue).size;
    },
  },
  { name: "sum", args: [T.arrayOrSet], result: T.number, implementation: ([value]) => numbers(value as Value).reduce<RegoNumber>((total, item) => add(total, item), 0) },
  { name: "product", args: [T.arrayOrSet], result: T.number, implementation: ([value]) => numbers(value as Value).reduce<RegoNumber>((total, item) => multiply(total, item), 1) },
  { name: "max", args: [T.arrayOrSet], result: T.any, implementation: ([value]) => extreme(value as Value, 1) },
  { name: "min", args: [T.arrayOrSet], result: T.any, implementation: ([value]) => extreme(value as Value, -1) },
  { name: "sort", args: [T.arrayOrSet], result: T.array, implementation: ([value]) => [...elements(value as Value)].sort(compare) },
  { name: "all", args: [T.arrayOrSet], result: T.boolean, implementation: ([value]) => elements(value as Value).every((item) => item === true) },
  { name: "any", args: [T.arrayOrSet], result: T.boolean, implementation: ([value]) => elements(value as Value).some((item) => item === true) },
];
