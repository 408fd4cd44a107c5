// Number arithmetic with OPA's semantics: exact big integers, floats otherwise, integer-preserving division.

import { normalizeInteger } from "../values.js";
import { BuiltinFailure } from "./registry.js";

export type RegoNumber = number | bigint;

export function isInteger(value: RegoNumber): boolean {
  return typeof value === "bigint" || Number.isInteger(value);
}

function toBig(value: RegoNumber): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

function toFloat(value: RegoNumber): number {
  return typeof value === "bigint" ? Number(value) : value;
}

function integerResult(value: bigint): RegoNumber {
  return normalizeInteger(value);
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new BuiltinFailure("number overflow");
  return value;
}

export function add(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number") {
    const result = a + b;
    if (Number.isSafeInteger(result) || !Number.isInteger(a) || !Number.isInteger(b)) return finite(result);
  }
  if (isInteger(a) && isInteger(b)) return integerResult(toBig(a) + toBig(b));
  return finite(toFloat(a) + toFloat(b));
}

export function subtract(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number") {
    const result = a - b;
    if (Number.isSafeInteger(result) || !Number.isInteger(a) || !Number.isInteger(b)) return finite(result);
  }
  if (isInteger(a) && isInteger(b)) return integerResult(toBig(a) - toBig(b));
  return finite(toFloat(a) - toFloat(b));
}

export function multiply(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number") {
    const result = a * b;
    if (Number.isSafeInteger(result) || !Number.isInteger(a) || !Number.isInteger(b)) return finite(result);
  }
  if (isInteger(a) && isInteger(b)) return integerResult(toBig(a) * toBig(b));
  return finite(toFloat(a) * toFloat(b));
}

export function divide(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (toFloat(b) === 0 && (typeof b === "number" ? b === 0 : b === 0n)) throw new BuiltinFailure("divide by zero");
  if (isInteger(a) && isInteger(b)) {
    const big = toBig(a);
    const divisor = toBig(b);
    if (big % divisor === 0n) return integerResult(big / divisor);
  }
  return finite(toFloat(a) / toFloat(b));
}

export function remainder(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (!isInteger(a) || !isInteger(b)) throw new BuiltinFailure("modulo on floating-point number");
  if (toBig(b) === 0n) throw new BuiltinFailure("modulo by zero");
  if (typeof a === "number" && typeof b === "number") return a % b === 0 ? 0 : a % b;
  return integerResult(toBig(a) % toBig(b));
}

export function negate(a: RegoNumber): RegoNumber {
  return typeof a === "bigint" ? integerResult(-a) : a === 0 ? 0 : -a;
}

export function absolute(a: RegoNumber): RegoNumber {
  return typeof a === "bigint" ? (a < 0n ? -a : a) : Math.abs(a);
}

export function toFloatNumber(value: RegoNumber): number {
  return toFloat(value);
}
