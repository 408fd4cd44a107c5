// Numbers as OPA keeps them (json.Number): a number is the decimal its text names, and keeps that text. A number
// whose text is the canonical text of its value (`1`, `0.5`, `12345678901234567890`) is a plain JavaScript number or
// bigint, so the common case costs nothing; any other text (`1.0`, `1e3`, `0.10`, a big.Float result such as
// `0.20000000000000000002`) is a NumberText. Values compare by decimal value, so 1.0 and 1 are one set member.

/** A number written other than canonically: its text, the nearest plain value, and its value's canonical key. */
export class NumberText {
  constructor(
    /** The text the number was written with, as OPA writes it back (json.marshal, sprintf's %v of a term, output). */
    readonly text: string,
    /** The plain number or bigint nearest to the decimal (exact for integers); what a builtin on numbers computes with. */
    readonly value: number | bigint,
    /** The canonical text of the decimal value: equal to `String(value)` exactly when `exact`. */
    readonly key: string,
    /** Whether `value` names the decimal exactly (`1.0`, `0.10`, `1e3`), so comparing plain values is comparing decimals. */
    readonly exact: boolean,
  ) {}

  /** JSON.stringify of data holding one writes its plain value (stringifyJSON writes the text). */
  toJSON(): number {
    return Number(this.value);
  }
}

/** A decimal: digits × 10^exponent, without trailing zero digits (zero is 0n × 10^0). */
export interface Decimal {
  digits: bigint;
  exponent: number;
}

const numberSyntax = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The decimal a number's text names, or undefined when the text is not a JSON number. */
export function decimalOfText(text: string): Decimal | undefined {
  const match = numberSyntax.exec(text);
  if (!match) return undefined;
  const fraction = match[3] ?? "";
  return normalized(BigInt((match[1] as string) + (match[2] as string) + fraction), Number(match[4] ?? 0) - fraction.length);
}

function normalized(digits: bigint, exponent: number): Decimal {
  if (digits === 0n) return { digits, exponent: 0 };
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponent++;
  }
  return { digits, exponent };
}

/** Integers with more zeros than this after their digits stay decimals rather than becoming (huge) bigints. */
const maxIntegerExponent = 400;

/**
 * The number a text names: the plain value when the text is its canonical text, a NumberText otherwise; undefined when
 * the text is not a number or names one beyond a double's range (OPA rejects those too).
 */
export function numberFromText(text: string): number | bigint | NumberText | undefined {
  const decimal = decimalOfText(text);
  if (!decimal) return undefined;
  if (decimal.exponent >= 0 && decimal.exponent <= maxIntegerExponent) {
    const integer = decimal.digits * 10n ** BigInt(decimal.exponent);
    const value = integer >= -9007199254740991n && integer <= 9007199254740991n ? Number(integer) : integer;
    const key = integer.toString();
    return key === text ? value : new NumberText(text, value, key, true);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const plain = value === 0 ? 0 : value;
  const key = decimalKey(decimal);
  if (key === text && String(plain) === text) return plain;
  return new NumberText(text, plain, key, String(plain) === key);
}

/**
 * The canonical text of a decimal that is not an integer, in the form JavaScript gives a double (Number::toString),
 * so a decimal that is some double's shortest text gets exactly that double's text.
 */
function decimalKey(decimal: Decimal): string {
  const negative = decimal.digits < 0n;
  const digits = (negative ? -decimal.digits : decimal.digits).toString();
  const point = digits.length + decimal.exponent;
  const sign = negative ? "-" : "";
  if (point > 21 || point <= -6) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mantissa}e${point - 1 >= 0 ? "+" : "-"}${Math.abs(point - 1)}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The decimal of a plain number (the decimal its shortest text names) or of a NumberText. */
export function decimalOf(value: number | bigint | NumberText): Decimal {
  if (typeof value === "bigint") return normalized(value, 0);
  return decimalOfText(typeof value === "number" ? String(value) : value.text) as Decimal;
}

/** Compares two decimals by value. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const signA = a.digits < 0n ? -1 : a.digits > 0n ? 1 : 0;
  const signB = b.digits < 0n ? -1 : b.digits > 0n ? 1 : 0;
  if (signA !== signB || signA === 0) return signA - signB;
  // Same sign, both non-zero: compare magnitudes by the position of the leading digit, then digit by digit.
  const digitsA = (signA < 0 ? -a.digits : a.digits).toString();
  const digitsB = (signB < 0 ? -b.digits : b.digits).toString();
  const leadA = digitsA.length + a.exponent;
  const leadB = digitsB.length + b.exponent;
  let magnitude = leadA !== leadB ? leadA - leadB : 0;
  if (magnitude === 0) {
    const length = Math.max(digitsA.length, digitsB.length);
    const paddedA = digitsA.padEnd(length, "0");
    const paddedB = digitsB.padEnd(length, "0");
    magnitude = paddedA < paddedB ? -1 : paddedA > paddedB ? 1 : 0;
  }
  return Math.sign(magnitude) * signA;
}
