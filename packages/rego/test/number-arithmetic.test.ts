// Property tests of the number model's fast paths (fast-check): sums, products and quotients of doubles computed
// without bigints must equal the exact decimal result rounded once to a double, computed here with bigints.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, divide, multiply, subtract } from "../src/builtins/numbers.js";

/** A double's shortest decimal as digits × 10^exponent. */
function decimal(value: number): { digits: bigint; exponent: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value)) as RegExpExecArray;
  const fraction = match[3] ?? "";
  return { digits: BigInt(`${match[1]}${match[2]}${fraction}`), exponent: Number(match[4] ?? 0) - fraction.length };
}

const pow10 = (exponent: number) => 10n ** BigInt(exponent);

function exactSum(a: number, b: number): number {
  const x = decimal(a);
  const y = decimal(b);
  const exponent = Math.min(x.exponent, y.exponent);
  return Number(`${x.digits * pow10(x.exponent - exponent) + y.digits * pow10(y.exponent - exponent)}e${exponent}`);
}

function exactProduct(a: number, b: number): number {
  const x = decimal(a);
  const y = decimal(b);
  return Number(`${x.digits * y.digits}e${x.exponent + y.exponent}`);
}

/** The quotient to 80 digits, then rounded: far past where truncation could move the rounding (divisors that would
 * overflow a double are an evaluation error, not compared here). */
function exactQuotient(a: number, b: number): number {
  const x = decimal(a);
  const y = decimal(b);
  return Number(`${(x.digits * pow10(80)) / y.digits}e${x.exponent - y.exponent - 80}`);
}

/** Doubles with a short decimal (the fast path) and arbitrary ones (the exact path). */
const shortDecimals = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9 })).map(([digits, places]) => digits / 10 ** places);
const numbers = fc.oneof(shortDecimals, fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }));

const same = (actual: unknown, expected: number) => expect(Number(actual)).toBe(expected === 0 ? 0 : expected);

describe("decimal arithmetic", () => {
  it("adds and subtracts as the exact decimal sum rounded once", () => {
    fc.assert(fc.property(numbers, numbers, (a, b) => {
      same(add(a, b), exactSum(a, b));
      same(subtract(a, b), exactSum(a, -b));
    }), { numRuns: 3000 });
  });

  it("multiplies as the exact decimal product rounded once", () => {
    fc.assert(fc.property(numbers, numbers, (a, b) => {
      same(multiply(a, b), exactProduct(a, b));
    }), { numRuns: 3000 });
  });

  it("divides as the exact quotient rounded once", () => {
    fc.assert(fc.property(numbers, numbers.filter((b) => Math.abs(b) > 1e-200), (a, b) => {
      same(divide(a, b), exactQuotient(a, b));
    }), { numRuns: 3000 });
  });

  it("keeps the examples OPA's number model is known by", () => {
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(multiply(1.1, 1.1)).toBe(1.21);
    expect(subtract(0.3, 0.1)).toBe(0.2);
    expect(divide(7, 2)).toBe(3.5);
    expect(divide(6, 3)).toBe(2);
    expect(divide(1, 3)).toBe(1 / 3);
  });
});
