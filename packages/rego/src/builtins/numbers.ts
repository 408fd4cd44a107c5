// Number arithmetic with OPA's semantics: exact integers of any size, decimal (not binary) sums and products of
// fractions as OPA's arbitrary-precision numbers give them (0.1 + 0.2 == 0.3), integer-preserving division, and a size
// budget so arithmetic on huge numbers is an evaluation error instead of a hang.

import { LimitError } from "../errors.js";
import { canonicalNumber, normalizeInteger } from "../values.js";
import { BuiltinFailure } from "./registry.js";

export type RegoNumber = number | bigint;

/** The largest integer an arithmetic result may have, in bits (about 20,000 decimal digits). */
export const maxIntegerBits = 65_536;

export function isInteger(value: RegoNumber): boolean {
  return typeof value === "bigint" || Number.isInteger(value);
}

function toBig(value: RegoNumber): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

function toFloat(value: RegoNumber): number {
  return typeof value === "bigint" ? Number(value) : value;
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

function finite(value: number): RegoNumber {
  if (!Number.isFinite(value)) throw new BuiltinFailure("number overflow");
  return canonicalNumber(value);
}

/** A number as an exact decimal: digits × 10^exponent, read from the shortest text that names the double. */
interface Decimal {
  digits: bigint;
  exponent: number;
}

/** Exponent spans beyond which decimal alignment would cost more than it gains (the double result is the same). */
const maxDecimalSpan = 400;

function decimalOf(value: RegoNumber): Decimal {
  if (typeof value === "bigint") return { digits: value, exponent: 0 };
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value)) as RegExpExecArray;
  const fraction = match[3] ?? "";
  return { digits: BigInt((match[1] as string) + (match[2] as string) + fraction), exponent: Number(match[4] ?? 0) - fraction.length };
}

function decimalValue(decimal: Decimal): RegoNumber {
  if (decimal.exponent >= 0) return integerResult(decimal.digits * 10n ** BigInt(decimal.exponent));
  return finite(Number(`${decimal.digits}e${decimal.exponent}`));
}

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const powersOfTen = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/**
 * The fast path of decimal arithmetic: a double whose shortest decimal has at most 15 significant digits, as the
 * integer of those digits and the count of digits after the point (0.25 → 25, 2), without strings or bigints.
 * Undefined for anything else (the exact path handles it). With 15 digits at most, one decimal names the double.
 */
function shortDecimal(value: number): [digits: number, places: number] | undefined {
  for (let places = 0; places <= 15; places++) {
    const scale = powersOfTen[places] as number;
    const digits = Math.round(value * scale);
    if (Math.abs(digits) >= 1e15) return undefined;
    if (digits / scale === value) return [digits, places];
  }
  return undefined;
}

/**
 * Sums and products of two short decimals in doubles: the integer digits and the power of ten are exact, so one IEEE
 * division rounds the exact decimal result once, as the exact path does. Undefined when an operand or the result does
 * not fit; the exact path decides then.
 */
function fastDecimal(a: number, b: number, operation: "add" | "mul"): RegoNumber | undefined {
  const x = shortDecimal(a);
  const y = shortDecimal(b);
  if (!x || !y) return undefined;
  if (operation === "mul") {
    const product = x[0] * y[0];
    const places = x[1] + y[1];
    return Number.isSafeInteger(product) && places <= 22 ? canonicalNumber(product / (powersOfTen[places] as number)) : undefined;
  }
  const places = Math.max(x[1], y[1]);
  const sum = x[0] * (powersOfTen[places - x[1]] as number) + y[0] * (powersOfTen[places - y[1]] as number);
  return Number.isSafeInteger(sum) ? canonicalNumber(sum / (powersOfTen[places] as number)) : undefined;
}

/** Adds or multiplies two numbers of which at least one is a fraction, exactly in decimal, rounding once at the end. */
function decimalOperation(a: RegoNumber, b: RegoNumber, operation: "add" | "mul", fallback: (x: number, y: number) => number): RegoNumber {
  if (typeof a === "number" && typeof b === "number") {
    const fast = fastDecimal(a, b, operation);
    if (fast !== undefined) return fast;
  }
  const x = decimalOf(a);
  const y = decimalOf(b);
  if (operation === "mul") return x.exponent + y.exponent < -maxDecimalSpan ? finite(fallback(toFloat(a), toFloat(b))) : decimalValue({ digits: x.digits * y.digits, exponent: x.exponent + y.exponent });
  if (Math.abs(x.exponent - y.exponent) > maxDecimalSpan) return finite(fallback(toFloat(a), toFloat(b)));
  const exponent = Math.min(x.exponent, y.exponent);
  return decimalValue({ digits: x.digits * 10n ** BigInt(x.exponent - exponent) + y.digits * 10n ** BigInt(y.exponent - exponent), exponent });
}

export function add(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a + b)) return a + b;
    return integerResult(toBig(a) + toBig(b));
  }
  return decimalOperation(a, b, "add", (x, y) => x + y);
}

export function subtract(a: RegoNumber, b: RegoNumber): RegoNumber {
  return add(a, negate(b));
}

export function multiply(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a * b)) return a * b === 0 ? 0 : a * b;
    const x = toBig(a);
    const y = toBig(b);
    checkIntegerSize(bitLength(x) + bitLength(y) - 8);
    return integerResult(x * y);
  }
  return decimalOperation(a, b, "mul", (x, y) => x * y);
}

export function divide(a: RegoNumber, b: RegoNumber): RegoNumber {
  if (toFloat(b) === 0 && (typeof b === "number" ? b === 0 : b === 0n)) throw new BuiltinFailure("divide by zero");
  if (typeof a === "number" && typeof b === "number") {
    const fast = fastQuotient(a, b);
    if (fast !== undefined) return fast;
  }
  if (isInteger(a) && isInteger(b)) {
    const big = toBig(a);
    const divisor = toBig(b);
    if (big % divisor === 0n) return integerResult(big / divisor);
  }
  const x = decimalOf(a);
  const y = decimalOf(b);
  if (Math.abs(x.exponent - y.exponent) > maxDecimalSpan || bitLength(x.digits) + bitLength(y.digits) > maxIntegerBits) return finite(toFloat(a) / toFloat(b));
  // 40 guard digits: far more than a double's 17, so the one rounding at the end decides the result.
  const quotient = (x.digits * 10n ** 40n) / y.digits;
  const exponent = x.exponent - y.exponent - 40;
  if (quotient * y.digits === x.digits * 10n ** 40n) return decimalValue(trimmed({ digits: quotient, exponent }));
  return finite(Number(`${quotient}e${exponent}`));
}

/**
 * The quotient of two short decimals as one IEEE division of safe integers: correctly rounded, so equal to the exact
 * path's result (whose 40 guard digits never cross a rounding boundary for operands below 2^53).
 */
function fastQuotient(a: number, b: number): RegoNumber | undefined {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return canonicalNumber(a / b);
  const x = shortDecimal(a);
  const y = shortDecimal(b);
  if (!x || !y) return undefined;
  const numerator = x[0] * (powersOfTen[y[1]] as number);
  const denominator = y[0] * (powersOfTen[x[1]] as number);
  return Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator) ? canonicalNumber(numerator / denominator) : undefined;
}

/** Drops trailing zero digits into the exponent, so an exact quotient that is an integer becomes one. */
function trimmed(decimal: Decimal): Decimal {
  let { digits, exponent } = decimal;
  while (digits !== 0n && digits % 10n === 0n && exponent < 0) {
    digits /= 10n;
    exponent++;
  }
  return { digits, exponent };
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
