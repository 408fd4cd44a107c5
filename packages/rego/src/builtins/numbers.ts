// Number arithmetic with OPA's semantics: exact integers of any size (big.Int), other numbers in Go's big.Float at a
// 64-bit mantissa as OPA computes them (0.1 + 0.2 == 0.3, 1 / 3 is 0.33333333333333333334), integer-preserving
// division, and a size budget so arithmetic on huge numbers is an evaluation error instead of a hang.

import { LimitError } from "../errors.js";
import { decimalOf, NumberText, numberFromText } from "../number-text.js";
import { normalizeInteger, plainNumber, type RegoNumber } from "../values.js";
import { absFloat, addFloats, divideFloats, floatOfDecimal, floatText, multiplyFloats, negateFloat, type BigFloat } from "./big-float.js";
import { BuiltinFailure } from "./registry.js";

export type { RegoNumber } from "../values.js";

/** A number as builtins declared over numbers receive it (registry.ts: implementationArgs). */
export type PlainNumber = number | bigint;

/** The largest integer an arithmetic result may have, in bits (about 20,000 decimal digits). */
export const maxIntegerBits = 65_536;

/** Whether a number is an integer: a NumberText counts by its value (`3.0`, `1e3`), as OPA's NumberToInt reads it. */
export function isInteger(value: RegoNumber): boolean {
  if (value instanceof NumberText) return value.exact && isInteger(value.value);
  return typeof value === "bigint" || Number.isInteger(value);
}

function toBig(value: RegoNumber): bigint {
  const plain = plainNumber(value);
  return typeof plain === "bigint" ? plain : BigInt(plain);
}

function toFloat(value: RegoNumber): number {
  const plain = plainNumber(value);
  return typeof plain === "bigint" ? Number(plain) : plain;
}

/** Bits of an integer's magnitude (an upper bound within 4 bits). */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(16).length * 4;
}

/** Fails the evaluation when an integer result would exceed the size budget. */
export function checkIntegerSize(bits: number): void {
  if (bits > maxIntegerBits) throw new LimitError(`number exceeds the size limit (${maxIntegerBits} bits)`);
}

function integerResult(value: bigint): RegoNumber {
  checkIntegerSize(bitLength(value));
  return normalizeInteger(value);
}

/** Decimal exponents beyond which big.Float arithmetic is refused (a double's range is about 10^±308). */
const maxDecimalExponent = 400;

function floatOf(value: RegoNumber): BigFloat {
  const decimal = decimalOf(value);
  if (Math.abs(decimal.exponent) > maxDecimalExponent) throw new BuiltinFailure("number overflow");
  return floatOfDecimal(decimal);
}

/** A big.Float result as the number OPA makes of its text: plain when the text is canonical. */
function floatResult(value: BigFloat): RegoNumber {
  const result = numberFromText(floatText(value));
  if (result === undefined) throw new BuiltinFailure("number overflow");
  return result;
}

export function add(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(a + b)) return a + b;
  if (isInteger(a) && isInteger(b)) return integerResult(toBig(a) + toBig(b));
  return floatResult(addFloats(floatOf(a), floatOf(b)));
}

export function subtract(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(a - b)) return a - b === 0 ? 0 : a - b;
  if (isInteger(a) && isInteger(b)) return integerResult(toBig(a) - toBig(b));
  return floatResult(addFloats(floatOf(a), negateFloat(floatOf(b))));
}

export function multiply(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a * b)) return a * b === 0 ? 0 : a * b;
    const x = toBig(a);
    const y = toBig(b);
    checkIntegerSize(bitLength(x) + bitLength(y) - 8);
    return integerResult(x * y);
  }
  return floatResult(multiplyFloats(floatOf(a), floatOf(b)));
}

/** An integer quotient when the divisor divides the dividend exactly; a big.Float quotient otherwise. */
export function divide(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (isInteger(b) && toBig(b) === 0n) throw new BuiltinFailure("divide by zero");
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === "number" && typeof b === "number" && a % b === 0) return a / b === 0 ? 0 : a / b;
    const dividend = toBig(a);
    const divisor = toBig(b);
    if (dividend % divisor === 0n) return integerResult(dividend / divisor);
  }
  return floatResult(divideFloats(floatOf(a), floatOf(b)));
}

export function remainder(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (!isInteger(a) || !isInteger(b)) throw new BuiltinFailure("modulo on floating-point number");
  if (toBig(b) === 0n) throw new BuiltinFailure("modulo by zero");
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a % b === 0 ? 0 : a % b;
  return integerResult(toBig(a) % toBig(b));
}

/** abs: a plain number directly; a NumberText through big.Float, as OPA takes any number that is not a small int. */
export function absolute(a: RegoNumber): RegoNumber {
  if (a instanceof NumberText) return isInteger(a) ? absolute(a.value) : floatResult(absFloat(floatOf(a)));
  return typeof a === "bigint" ? (a < 0n ? -a : a) : Math.abs(a);
}

export type Rounding = "round" | "ceil" | "floor";

/** Rounds a double: Go's math.Round (halves away from zero), ceil or floor. */
function roundDouble(value: number, mode: Rounding): number {
  if (mode === "ceil") return Math.ceil(value);
  if (mode === "floor") return Math.floor(value);
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/**
 * round, ceil and floor: an integer as it is, a number a double holds as that double, and one written beyond a
 * double's precision (2.9999999999999999) from its 64-bit big.Float, as OPA rounds it (arithRound, arithFloor).
 */
export function roundNumber(value: RegoNumber, mode: Rounding): RegoNumber {
  if (isInteger(value)) return plainNumber(value);
  if (!(value instanceof NumberText) || value.exact) return roundDouble(toFloat(value), mode);
  const float = floatOf(value);
  if (float.exponent >= 0) return integerResult(float.mantissa << BigInt(float.exponent));
  const shift = BigInt(-float.exponent);
  const mantissa = float.mantissa;
  // BigInt's >> rounds toward negative infinity: floor directly, ceil by symmetry.
  if (mode === "floor") return integerResult(mantissa >> shift);
  if (mode === "ceil") return integerResult(-(-mantissa >> shift));
  const magnitude = (mantissa < 0n ? -mantissa : mantissa) + (1n << (shift - 1n));
  return integerResult(mantissa < 0n ? -(magnitude >> shift) : magnitude >> shift);
}

export function toFloatNumber(value: RegoNumber): number {
  return toFloat(value);
}
