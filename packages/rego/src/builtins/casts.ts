// Deprecated v0 builtins kept for old policies: cast_array|set|string|boolean|null|object and set_diff.

import { ObjectValue, SetValue, type Value } from "../values.js";
import { OperandError, T, type Builtin } from "./registry.js";

const cast = (name: string, type: string, test: (value: Value) => boolean, convert: (value: Value) => Value = (value) => value): Builtin => ({
  name,
  args: [T.any],
  result: [type] as Builtin["result"],
  implementation: ([value]) => {
    if (!test(value as Value)) throw new OperandError(`operand 1 must be ${type} but got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`);
    return convert(value as Value);
  },
});

export const castBuiltins: Builtin[] = [
  cast("cast_array", "array", (value) => Array.isArray(value) || value instanceof SetValue, (value) => (value instanceof SetValue ? value.sorted() : value)),
  cast("cast_set", "set", (value) => Array.isArray(value) || value instanceof SetValue, (value) => (Array.isArray(value) ? new SetValue(value) : value)),
  cast("cast_string", "string", (value) => typeof value === "string"),
  cast("cast_boolean", "boolean", (value) => typeof value === "boolean"),
  cast("cast_null", "null", (value) => value === null),
  cast("cast_object", "object", (value) => value instanceof ObjectValue),
  { name: "set_diff", args: [T.set, T.set], result: T.set, implementation: ([a, b]) => new SetValue((a as SetValue).sorted().filter((item) => !(b as SetValue).has(item))) },
];
