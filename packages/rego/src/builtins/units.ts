// Units builtins: units.parse (SI and binary suffixes, milli) and units.parse_bytes, computed exactly like OPA's big floats.

import { normalizeInteger, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

/** An exact rational: numerator / denominator. */
interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const decimal = { k: 1000n, m: 1000n ** 2n, g: 1000n ** 3n, t: 1000n ** 4n, p: 1000n ** 5n, e: 1000n ** 6n } as const;
const binary = { ki: 1024n, mi: 1024n ** 2n, gi: 1024n ** 3n, ti: 1024n ** 4n, pi: 1024n ** 5n, ei: 1024n ** 6n } as const;

/** Splits "4.5e1GiB" into its amount ("4.5e1") and unit ("GiB") as OPA does. */
export function splitAmount(text: string): [string, string] {
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (character === "e" || character === "E") {
      const next = text[index + 1];
      if (next === undefined || !/[0-9+-]/.test(next)) return [text.slice(0, index), text.slice(index)];
      if (next === "+" || next === "-") index++;
      continue;
    }
    if (!/[0-9.+-]/.test(character)) return [text.slice(0, index), text.slice(index)];
  }
  return [text, ""];
}

/** Parses a decimal number with optional sign, fraction and exponent into an exact fraction. */
function parseDecimal(text: string): Fraction | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const fraction = match[3] ?? "";
  let numerator = BigInt((match[2] || "0") + fraction) * (match[1] === "-" ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  const exponent = Number(match[4] ?? 0);
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return { numerator, denominator };
}

/** A fraction as a Rego number: exact integers stay exact, the rest become floats. */
function toNumber({ numerator, denominator }: Fraction): Value {
  if (numerator % denominator === 0n) return normalizeInteger(numerator / denominator);
  return Number(numerator) / Number(denominator);
}

function amountOf(raw: string, noun: string): [Fraction, string] {
  const text = raw.replace(/"/g, "");
  if (text.includes(" ")) throw new BuiltinFailure("spaces not allowed in resource strings");
  const [amount, unit] = splitAmount(text);
  if (amount === "") throw new BuiltinFailure(`no ${noun} provided`);
  const value = parseDecimal(amount);
  if (!value) throw new BuiltinFailure(`could not parse ${noun} to a number`);
  return [value, unit];
}

function parseUnits([raw]: Value[]): Value {
  const [value, unit] = amountOf(raw as string, "amount");
  if (unit === "m") return toNumber({ numerator: value.numerator, denominator: value.denominator * 1000n });
  const multiplier = unit === "" ? 1n : (decimal as Record<string, bigint>)[unit.toLowerCase()] ?? (binary as Record<string, bigint>)[unit.toLowerCase()];
  if (multiplier === undefined) throw new BuiltinFailure("unit not recognized");
  return toNumber({ numerator: value.numerator * multiplier, denominator: value.denominator });
}

function parseBytes([raw]: Value[]): Value {
  const [value, unit] = amountOf(raw as string, "byte amount");
  const name = unit.toLowerCase();
  const stem = name.endsWith("b") && name !== "b" ? name.slice(0, -1) : name;
  const multiplier = name === "" || name === "b" ? 1n : (decimal as Record<string, bigint>)[stem] ?? (binary as Record<string, bigint>)[stem];
  if (multiplier === undefined) throw new BuiltinFailure("byte unit not recognized");
  return normalizeInteger((value.numerator * multiplier) / value.denominator);
}

export const unitBuiltins: Builtin[] = [
  { name: "units.parse", args: [T.string], result: T.number, implementation: parseUnits },
  { name: "units.parse_bytes", args: [T.string], result: T.number, implementation: parseBytes },
];
