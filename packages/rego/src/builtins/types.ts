// Type-test builtins: is_string, is_number, ..., type_name.

import { typeName, type Value } from "../values.js";
import { T, type Builtin } from "./registry.js";

const test = (name: string, type: string): Builtin => ({
  name,
  args: [T.any],
  result: T.boolean,
  implementation: ([value]) => (typeName(value as Value) === type ? true : false),
});

export const typeBuiltins: Builtin[] = [
  test("is_string", "string"),
  test("is_number", "number"),
  test("is_boolean", "boolean"),
  test("is_array", "array"),
  test("is_set", "set"),
  test("is_object", "object"),
  test("is_null", "null"),
  { name: "type_name", args: [T.any], result: T.string, implementation: ([value]) => typeName(value as Value) },
];
