// Property tests of the number model (fast-check): integer arithmetic is exact on its fast paths and off them, and
// other numbers are computed as Go's big.Float at a 64-bit mantissa computes them (OPA's topdown/arithmetic.go):
// each result within the rounding error of that precision, written as the shortest text that reads back the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatOfDecimal, floatText } from "../src/builtins/big-float.js";
import { add, divide, multiply, subtract } from "../src/builtins/numbers.js";
import { decimalOf, decimalOfText, type Decimal } from "../src/number-text.js";
import { formatNumber, normalizeInteger, type RegoNumber } from "../src/values.js";

const pow10 = (exponent: number) => 10n ** BigInt(exponent);

/** A decimal as a fraction numerator / denominator (denominator > 0). */
function fraction(decimal: Decimal): [bigint, bigint] {
  return decimal.exponent >= 0 ? [decimal.digits * pow10(decimal.exponent), 1n] : [decimal.digits, pow10(-decimal.exponent)];
}

const magnitude = (value: bigint) => (value < 0n ? -value : value);

/**
 * Whether |result − exact| ≤ bound × 2^-61, bound being |exact| (products, quotients) or the operands' magnitudes
 * (sums, where rounding an operand shows in a result that cancels): three roundings at a 64-bit mantissa.
 */
function closeTo(result: RegoNumber, [numerator, denominator]: [bigint, bigint], bound: [bigint, bigint] = [numerator, denominator]): boolean {
  const [resultNumerator, resultDenominator] = fraction(decimalOf(result));
  // |r/rd − n/d| ≤ b/bd × 2^-61, both sides multiplied by rd·d·bd.
  const error = (resultNumerator * denominator - numerator * resultDenominator) * bound[1];
  return magnitude(error) * 2n ** 61n <= magnitude(bound[0] * resultDenominator * denominator);
}

const safeIntegers = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }));
/** Decimals of up to 12 digits with up to 9 places: the numbers policies write. */
const shortDecimals = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 9 })).map(([digits, places]) => digits / 10 ** places).filter((value) => !Number.isInteger(value));

describe("integer arithmetic", () => {
  it("is exact whether or not the result stays a safe integer", () => {
    fc.assert(fc.property(safeIntegers, safeIntegers, (a, b) => {
      expect(BigInt(add(a, b) as number | bigint)).toBe(BigInt(a) + BigInt(b));
      expect(BigInt(subtract(a, b) as number | bigint)).toBe(BigInt(a) - BigInt(b));
      expect(BigInt(multiply(a, b) as number | bigint)).toBe(BigInt(a) * BigInt(b));
    }), { numRuns: 2000 });
  });

  it("divides to an integer when the divisor divides the dividend", () => {
    fc.assert(fc.property(safeIntegers, fc.integer({ min: 1, max: 1e6 }), (a, b) => {
      expect(divide(normalizeInteger(BigInt(a) * BigInt(b)), b)).toBe(a === 0 ? 0 : a);
    }), { numRuns: 1000 });
  });
});

describe("big.Float arithmetic", () => {
  it("reads a decimal at 64 bits and writes the shortest text that reads back to the same float", () => {
    const decimals = fc.tuple(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.integer({ min: -30, max: 30 }));
    fc.assert(fc.property(decimals, ([digits, exponent]) => {
      const float = floatOfDecimal({ digits, exponent });
      const text = floatText(float);
      expect(floatOfDecimal(decimalOfText(text) as Decimal)).toEqual(float);
      // Nineteen digits name a float of a 64-bit mantissa, so the shortest text never needs more than the input.
      const significant = (written: string) => written.replace(/^-|e.*$|\./g, "").replace(/^0+|0+$/g, "").length;
      expect(significant(text)).toBeLessThanOrEqual(significant(digits.toString()));
    }), { numRuns: 3000 });
  });

  it("adds, subtracts, multiplies and divides within the rounding error of a 64-bit mantissa", () => {
    fc.assert(fc.property(shortDecimals, fc.oneof(shortDecimals, safeIntegers), (a, b) => {
      const [x, xs] = fraction(decimalOf(a));
      const [y, ys] = fraction(decimalOf(b));
      const operands: [bigint, bigint] = [magnitude(x) * ys + magnitude(y) * xs, xs * ys];
      expect(closeTo(add(a, b), [x * ys + y * xs, xs * ys], operands)).toBe(true);
      expect(closeTo(subtract(a, b), [x * ys - y * xs, xs * ys], operands)).toBe(true);
      expect(closeTo(multiply(a, b), [x * y, xs * ys])).toBe(true);
      if (y !== 0n) expect(closeTo(divide(a, b), y < 0n ? [-x * ys, -xs * y] : [x * ys, xs * y])).toBe(true);
    }), { numRuns: 3000 });
  });

  it("gives the results OPA gives (checked against OPA v0.47.0, whose big.Float arithmetic is today's)", () => {
    const text = (value: RegoNumber) => formatNumber(value);
    expect(text(add(0.1, 0.2))).toBe("0.3");
    expect(text(subtract(0.3, 0.1))).toBe("0.20000000000000000002");
    expect(text(divide(1, 3))).toBe("0.33333333333333333334");
    expect(text(multiply(1000000.5, 1))).toBe("1.0000005e+06");
    expect(text(multiply(0.00001, 1))).toBe("1e-05");
    expect(text(multiply(2.5, 2))).toBe("5");
    expect(text(divide(7, 2))).toBe("3.5");
  });
});
