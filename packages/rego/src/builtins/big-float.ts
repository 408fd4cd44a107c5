// Go's big.Float as OPA computes with it for numbers that are not both integers: each operand's text read at a 64-bit
// mantissa (rounded to nearest, ties to even), the operation rounded once to 64 bits, and the result written as
// builtins.FloatToNumber writes it (f.Text('f', -1) for an integer, 'g' otherwise: the shortest decimal that reads back
// to the same 64-bit value). So 0.1 + 0.2 is 0.3 but 0.3 - 0.1 is 0.20000000000000000002, and 1 / 3 is
// 0.33333333333333333334 (topdown/arithmetic.go, topdown/builtins/builtins.go).

import type { Decimal } from "../number-text.js";

/** The mantissa bits of big.Float's default precision, which OPA's NumberToFloat leaves in place. */
const precision = 64;

/** A finite binary float: mantissa × 2^exponent, the mantissa odd and its magnitude below 2^64 (0n for zero). */
export interface BigFloat {
  mantissa: bigint;
  exponent: number;
  /** The sign of a zero (big.Float keeps -0). */
  negative: boolean;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** A float in its one form: an odd mantissa (or zero), so equal values are equal objects. */
function canonicalFloat(magnitude: bigint, exponent: number, negative: boolean): BigFloat {
  if (magnitude === 0n) return { mantissa: 0n, exponent: 0, negative };
  while ((magnitude & 1n) === 0n) {
    magnitude >>= 1n;
    exponent++;
  }
  return { mantissa: negative ? -magnitude : magnitude, exponent, negative };
}

/** Rounds magnitude × 2^exponent (plus less than one unit when `sticky`) to 64 bits, ties to even. */
function rounded(magnitude: bigint, exponent: number, negative: boolean, sticky = false): BigFloat {
  const excess = bitLength(magnitude) - precision;
  if (excess <= 0) return canonicalFloat(magnitude, exponent, negative);
  const shift = BigInt(excess);
  let kept = magnitude >> shift;
  const rest = magnitude - (kept << shift);
  const half = 1n << (shift - 1n);
  let scale = exponent + excess;
  if (rest > half || (rest === half && (sticky || (kept & 1n) === 1n))) kept += 1n;
  return canonicalFloat(kept, scale, negative);
}

/** The big.Float a decimal reads as (big.Float.SetString at 64 bits, which rounds the exact value once). */
export function floatOfDecimal(decimal: Decimal): BigFloat {
  const negative = decimal.digits < 0n;
  const magnitude = negative ? -decimal.digits : decimal.digits;
  if (decimal.exponent >= 0) return rounded(magnitude * 10n ** BigInt(decimal.exponent), 0, negative);
  const divisor = 10n ** BigInt(-decimal.exponent);
  // Enough quotient bits that the remainder only decides the rounding direction (as a sticky bit).
  const shift = Math.max(0, precision + 2 + bitLength(divisor) - bitLength(magnitude));
  const numerator = magnitude << BigInt(shift);
  const quotient = numerator / divisor;
  return rounded(quotient, -shift, negative, quotient * divisor !== numerator);
}

function magnitudeOf(value: BigFloat): bigint {
  return value.mantissa < 0n ? -value.mantissa : value.mantissa;
}

export function addFloats(a: BigFloat, b: BigFloat): BigFloat {
  if (a.mantissa === 0n && b.mantissa === 0n) return { mantissa: 0n, exponent: 0, negative: a.negative && b.negative };
  const exponent = Math.min(a.exponent, b.exponent);
  const sum = (a.mantissa << BigInt(a.exponent - exponent)) + (b.mantissa << BigInt(b.exponent - exponent));
  return rounded(sum < 0n ? -sum : sum, exponent, sum < 0n);
}

export function negateFloat(a: BigFloat): BigFloat {
  return { mantissa: -a.mantissa, exponent: a.exponent, negative: !a.negative };
}

export function absFloat(a: BigFloat): BigFloat {
  return { mantissa: magnitudeOf(a), exponent: a.exponent, negative: false };
}

export function multiplyFloats(a: BigFloat, b: BigFloat): BigFloat {
  return rounded(magnitudeOf(a) * magnitudeOf(b), a.exponent + b.exponent, a.negative !== b.negative);
}

/** The quotient; the caller has ruled out a zero divisor. */
export function divideFloats(a: BigFloat, b: BigFloat): BigFloat {
  const numerator = magnitudeOf(a);
  const divisor = magnitudeOf(b);
  const negative = a.negative !== b.negative;
  if (numerator === 0n) return { mantissa: 0n, exponent: 0, negative };
  const shift = Math.max(0, precision + 2 + bitLength(divisor) - bitLength(numerator));
  const scaled = numerator << BigInt(shift);
  const quotient = scaled / divisor;
  return rounded(quotient, a.exponent - b.exponent - shift, negative, quotient * divisor !== scaled);
}

/** The float's exact value as scaled × 10^scale (scale ≤ 0), from mantissa × 2^exponent. */
function exactDecimal(mantissa: bigint, exponent: number): { scaled: bigint; scale: number } {
  if (exponent >= 0) return { scaled: mantissa << BigInt(exponent), scale: 0 };
  return { scaled: mantissa * 5n ** BigInt(-exponent), scale: exponent };
}

/**
 * The shortest decimal digits that read back to the float at 64 bits (Go's roundShortest): the fewest significant
 * digits whose value, rounded down or up, lies within half a unit in the last place of the float (the bounds count
 * when the mantissa is even, as ties then round to it). Both fitting, the nearer wins. Returns digits and the decimal
 * point's position (value = 0.digits × 10^point).
 */
function shortestDigits(value: BigFloat): { digits: string; point: number } {
  // The mantissa widened to all 64 bits, so its last bit is the unit in the last place at big.Float's precision.
  const widen = precision - bitLength(magnitudeOf(value));
  const magnitude = magnitudeOf(value) << BigInt(widen);
  const exponent = value.exponent - widen;
  // Twice the mantissa, so the half-unit bounds are integers: x = 2m·2^(e-1), bounds (2m ± 1)·2^(e-1).
  const middle = exactDecimal(2n * magnitude, exponent - 1);
  const lower = exactDecimal(2n * magnitude - 1n, exponent - 1).scaled;
  const upper = exactDecimal(2n * magnitude + 1n, exponent - 1).scaled;
  const inclusive = (magnitude & 1n) === 0n;
  const within = (candidate: bigint) => (inclusive ? lower <= candidate && candidate <= upper : lower < candidate && candidate < upper);
  const text = middle.scaled.toString();
  for (let length = 1; length <= text.length; length++) {
    const unit = 10n ** BigInt(text.length - length);
    const down = middle.scaled - (middle.scaled % unit);
    const up = down + unit;
    const downFits = within(down);
    const upFits = within(up);
    if (!downFits && !upFits) continue;
    const nearer = downFits && upFits ? (middle.scaled - down < up - middle.scaled || (middle.scaled - down === up - middle.scaled && (down / unit) % 2n === 0n) ? down : up) : downFits ? down : up;
    const written = nearer.toString();
    const digits = written.replace(/0+$/, "");
    return { digits, point: written.length + middle.scale };
  }
  return { digits: text.replace(/0+$/, ""), point: text.length + middle.scale };
}

/** The text OPA gives a big.Float result (FloatToNumber): 'f' format for an integer, shortest 'g' otherwise. */
export function floatText(value: BigFloat): string {
  const sign = value.negative ? "-" : "";
  if (value.mantissa === 0n) return sign + "0";
  const { digits, point } = shortestDigits(value);
  const integer = value.exponent >= 0 || (magnitudeOf(value) & ((1n << BigInt(-value.exponent)) - 1n)) === 0n;
  if (integer) return sign + digits + "0".repeat(Math.max(0, point - digits.length));
  // %g with the shortest digits: %e when the exponent is below -4 or at least 6 (eprec 6 for the shortest form).
  const exponent = point - 1;
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
