// Bitwise builtins on integers of any size: bits.and|or|xor|negate|lsh|rsh.

import { normalizeInteger, type Value } from "../values.js";
import { bitLength, checkIntegerSize, isInteger, type PlainNumber, type RegoNumber } from "./numbers.js";
import { OperandError, T, type Builtin } from "./registry.js";

function integer(value: Value, position: number): bigint {
  if (!isInteger(value as RegoNumber)) throw new OperandError(`operand ${position} must be integer number but got floating-point number`);
  return BigInt(value as PlainNumber);
}

const binary = (name: string, operation: (a: bigint, b: bigint) => bigint): Builtin => ({
  name,
  args: [T.number, T.number],
  result: T.number,
  implementation: ([a, b]) => normalizeInteger(operation(integer(a as Value, 1), integer(b as Value, 2))),
});

function shift(name: string, operation: (a: bigint, b: bigint) => bigint): Builtin {
  return binary(name, (a, b) => {
    if (b < 0n) throw new OperandError("operand 2 must be an unsigned integer number but got a negative integer");
    return operation(a, b);
  });
}

export const bitBuiltins: Builtin[] = [
  binary("bits.and", (a, b) => a & b),
  binary("bits.or", (a, b) => a | b),
  binary("bits.xor", (a, b) => a ^ b),
  shift("bits.lsh", (a, b) => {
    checkIntegerSize(bitLength(a) + Number(b));
    return a << b;
  }),
  shift("bits.rsh", (a, b) => a >> b),
  { name: "bits.negate", args: [T.number], result: T.number, implementation: ([a]) => normalizeInteger(~integer(a as Value, 1)) },
];
