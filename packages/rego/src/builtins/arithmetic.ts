// Arithmetic builtins: + - * / %, abs, round, ceil, floor and numbers.range.

import { isNumber, SetValue, typeName, type Value } from "../values.js";
import { absolute, add, divide, isInteger, multiply, remainder, roundNumber, subtract, toFloatNumber, type RegoNumber, type Rounding } from "./numbers.js";
import { guardCollectionLength } from "./budget.js";
import { BuiltinFailure, OperandError, T, type Builtin } from "./registry.js";

const binary = (name: string, operation: (a: RegoNumber, b: RegoNumber) => RegoNumber): Builtin => ({
  name,
  args: [T.number, T.number],
  result: T.number,
  numberText: true,
  implementation: ([a, b]) => operation(a as RegoNumber, b as RegoNumber),
});

const rounding = (name: Rounding): Builtin => ({
  name,
  args: [T.number],
  result: T.number,
  numberText: true,
  implementation: ([value]) => roundNumber(value as RegoNumber, name),
});

function minus([a, b]: Value[]): Value {
  if (isNumber(a)) {
    if (isNumber(b)) return subtract(a, b);
    throw new OperandError(`operand 2 must be number but got ${typeof b === "string" ? "string" : describe(b)}`);
  }
  if (a instanceof SetValue) {
    if (!(b instanceof SetValue)) throw new OperandError(`operand 2 must be set but got ${describe(b)}`);
    return new SetValue(a.sorted().filter((item) => !b.has(item)));
  }
  throw new OperandError(`operand 1 must be one of {number, set} but got ${describe(a)}`);
}

function describe(value: Value | undefined): string {
  return typeName(value ?? null);
}

function range([from, to]: Value[], charge: (steps: number) => void): Value {
  if (!isInteger(from as RegoNumber)) throw new OperandError("operand 1 must be integer number but got floating-point number");
  if (!isInteger(to as RegoNumber)) throw new OperandError("operand 2 must be integer number but got floating-point number");
  const start = toFloatNumber(from as RegoNumber);
  const end = toFloatNumber(to as RegoNumber);
  const length = Math.abs(end - start) + 1;
  charge(length);
  guardCollectionLength("numbers.range", length);
  const step = start <= end ? 1 : -1;
  const result: Value[] = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) result.push(value);
  return result;
}

export const arithmeticBuiltins: Builtin[] = [
  binary("plus", add),
  { name: "minus", args: [["number", "set"], ["number", "set"]], result: ["number", "set"], numberText: true, implementation: minus },
  binary("mul", multiply),
  binary("div", divide),
  binary("rem", remainder),
  { name: "abs", args: [T.number], result: T.number, numberText: true, implementation: ([value]) => absolute(value as RegoNumber) },
  rounding("round"),
  rounding("ceil"),
  rounding("floor"),
  { name: "numbers.range", args: [T.number, T.number], result: T.array, implementation: (args, context) => range(args, (steps) => context.charge(steps)) },
  {
    name: "numbers.range_step",
    args: [T.number, T.number, T.number],
    result: T.array,
    implementation: ([from, to, step], context) => {
      if (![from, to, step].every((value) => isInteger(value as RegoNumber))) throw new OperandError("operands must be integer numbers");
      const increment = toFloatNumber(step as RegoNumber);
      if (increment <= 0) throw new BuiltinFailure("step must be a positive integer");
      const start = toFloatNumber(from as RegoNumber);
      const end = toFloatNumber(to as RegoNumber);
      context.charge(Math.abs(end - start) / increment + 1);
      const result: Value[] = [];
      if (start <= end) for (let value = start; value <= end; value += increment) result.push(value);
      else for (let value = start; value >= end; value -= increment) result.push(value);
      return result;
    },
  },
];

