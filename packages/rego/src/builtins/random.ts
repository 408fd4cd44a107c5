// rand.intn: a random integer in [0, n), the same for the same (key, n) throughout one evaluation, as in OPA.

import { randomInt } from "node:crypto";
import type { Value } from "../values.js";
import { isInteger, type RegoNumber } from "./numbers.js";
import { OperandError, T, type Builtin } from "./registry.js";

function intn([key, bound]: Value[], memo: Map<string, Value>): Value {
  if (!isInteger(bound as RegoNumber)) throw new OperandError("operand 2 must be integer number but got floating-point number");
  const n = Number(bound as RegoNumber);
  if (n === 0) return 0;
  const memoKey = `rand.intn:${key as string}:${n}`;
  let value = memo.get(memoKey);
  if (value === undefined) memo.set(memoKey, (value = randomInt(Math.min(Math.abs(n), 2 ** 48 - 1))));
  return value;
}

export const randomBuiltins: Builtin[] = [{ name: "rand.intn", args: [T.string, T.number], result: T.number, implementation: (args, context) => intn(args, context.memo) }];
