// Comparison operators: ==, !=, <, <=, >, >= over all values in OPA's total order.

import { compare, equal } from "../values.js";
import { T, type Builtin } from "./registry.js";

const relation = (name: string, test: (order: number) => boolean): Builtin => ({
  name,
  args: [T.any, T.any],
  result: T.boolean,
  implementation: ([a, b]) => test(compare(a ?? null, b ?? null)),
});

export const comparisonBuiltins: Builtin[] = [
  { name: "equal", args: [T.any, T.any], result: T.boolean, implementation: ([a, b]) => equal(a ?? null, b ?? null) },
  { name: "neq", args: [T.any, T.any], result: T.boolean, implementation: ([a, b]) => !equal(a ?? null, b ?? null) },
  relation("lt", (order) => order < 0),
  relation("lte", (order) => order <= 0),
  relation("gt", (order) => order > 0),
  relation("gte", (order) => order >= 0),
];
