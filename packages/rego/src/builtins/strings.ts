// String builtins: concat, startswith, endswith, contains, sprintf, trim_space, lower, upper, split, format_int.

import { formatValue, isNumber, NumberText, plainNumber, typeName, type Value } from "../values.js";
import { isInteger, toFloatNumber, type PlainNumber, type RegoNumber } from "./numbers.js";
import { guardStringLength } from "./budget.js";
import { BuiltinFailure, elements, expectOperand, OperandError, T, type Builtin } from "./registry.js";

/** Simple lowercase mappings JavaScript expands to several characters (only U+0130, İ → i, has one in Unicode). */
const simpleLower: Record<string, string> = { "\u0130": "i" };

/**
 * Go's strings.ToUpper/ToLower: each rune mapped on its own by its simple case mapping, so `ß` stays `ß` and a final
 * sigma is `σ`; a rune whose only mapping is a multi-character one (special casing) is left unchanged.
 */
function mapRunes(text: string, map: (rune: string) => string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return map(text);
  let result = "";
  for (const rune of text) {
    const mapped = map(rune);
    result += [...mapped].length === 1 ? mapped : (simpleLower[rune] !== undefined && map === lowerRune ? simpleLower[rune] : rune);
  }
  return result;
}

const lowerRune = (rune: string): string => rune.toLowerCase();

/** Go's strings.Replace(text, old, new, -1): an empty old string matches before every rune and at the end. */

const stringTest = (name: string, test: (a: string, b: string) => boolean): Builtin => ({
  name,
  args: [T.string, T.string],
  result: T.boolean,
  implementation: ([a, b]) => test(a as string, b as string),
});

const stringMap = (name: string, map: (value: string) => string): Builtin => ({
  name,
  args: [T.string],
  result: T.string,
  implementation: ([value]) => map(value as string),
});

/** Go's strings.ReplaceAll: an empty `old` inserts the replacement around every character. */
/** Go's strings.ReplaceAll: an empty old string matches before every rune and at the end. */
function replace([text, old, replacement]: Value[]): Value {
  const source = text as string;
  const runes = old === "" ? [...source] : [];
  const parts = old === "" ? ["", ...runes, ""] : source.split(old as string);
  guardStringLength("replace", source.length + (parts.length - 1) * ((replacement as string).length - (old as string).length));
  return old === "" && source === "" ? (replacement as string) : parts.join(replacement as string);
}

function concat([delimiter, collection]: Value[]): Value {
  const parts = elements(collection as Value);
  for (const part of parts) {
    if (typeof part !== "string") throw new OperandError(`operand 2 must be one of {array, set} of strings but got ${Array.isArray(collection) ? "array" : "set"} containing ${typeof part === "object" ? "composite" : typeof part}`);
  }
  guardStringLength("concat", (parts as string[]).reduce((sum, part) => sum + part.length, 0) + Math.max(0, parts.length - 1) * (delimiter as string).length);
  return (parts as string[]).join(delimiter as string);
}

/** The text a value prints as with %v / %s: strings raw, everything else as Rego terms. */
function plain(value: Value): string {
  return typeof value === "string" ? value : formatValue(value);
}

/** A subset of Go's fmt verbs (%v %s %d %q %f %e %g %t %x %o %b %%, width/precision flags) on the Go types OPA passes. */
export function sprintf(format: string, args: Value[]): string {
  let index = 0;
  return format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g, (whole, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (index >= args.length) return `%!${verb}(MISSING)`;
    const value = args[index++] as Value;
    const text = formatVerb(verb, value, precision);
    return pad(text, flags, width);
  }) + (index < args.length ? `%!(EXTRA ${args.slice(index).map((arg) => `${goType(arg)}=${goText(arg)}`).join(", ")})` : "");
}

/**
 * The Go type OPA hands fmt for an argument: an integer is an int (a *big.Int past int64), another number a float64,
 * and every other value a string (a string's text, or a term's text: booleans too).
 */
function goType(value: Value): string {
  if (isNumber(value)) {
    // OPA decides by the text: one with a fraction or an exponent is a float64 even when integral (3.0, 1e3).
    if (value instanceof NumberText ? /[.eE]/.test(value.text) : !isInteger(value)) return "float64";
    const integer = BigInt(plainNumber(value));
    return integer >= -(2n ** 63n) && integer < 2n ** 63n ? "int" : "*big.Int";
  }
  return "string";
}

/** A number OPA hands fmt as a float64, as that float64. */
function goFloat64(value: Value): number {
  return toFloatNumber(value as RegoNumber);
}

/** A number OPA hands fmt as an int or *big.Int, as that integer. */
function goInteger(value: Value): bigint {
  return BigInt(plainNumber(value as RegoNumber));
}

/** A float64 as Go's %v and %g write it: the shortest digits, in e-notation below 1e-4 and from 1e6 up. */
function goFloat(value: number): string {
  const [mantissa, exponentText] = value.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 6) return String(value);
  return `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** An argument as %v writes it for its Go type. */
function goText(value: Value): string {
  return goType(value) === "float64" ? goFloat(goFloat64(value)) : plain(value);
}

/** Go's text for a verb that does not suit the argument's type: %!d(string=a). */
const badVerb = (verb: string, value: Value) => `%!${verb}(${goType(value)}=${goText(value)})`;

function formatVerb(verb: string, value: Value, precision: string | undefined): string {
  const type = goType(value);
  switch (verb) {
    case "v":
      return goText(value);
    case "s":
      // *big.Int formats itself: %s writes its digits.
      return type === "string" || type === "*big.Int" ? plain(value) : badVerb(verb, value);
    case "q":
      return type === "string" ? JSON.stringify(plain(value)) : badVerb(verb, value);
    case "d":
      return type === "int" || type === "*big.Int" ? goInteger(value).toString() : badVerb(verb, value);
    case "f":
    case "F":
      return type === "float64" ? goFloat64(value).toFixed(precision === undefined ? 6 : Number(precision)) : badVerb(verb, value);
    case "e":
      return type === "float64" ? goFloat64(value).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, "e$10$2") : badVerb(verb, value);
    case "g":
      return type === "float64" ? goFloat(goFloat64(value)) : badVerb(verb, value);
    case "t":
      return badVerb(verb, value);
    case "x":
    case "X": {
      const text = (type === "int" || type === "*big.Int") ? goInteger(value).toString(16) : typeof value === "string" ? Buffer.from(value).toString("hex") : plain(value);
      return verb === "X" ? text.toUpperCase() : text;
    }
    case "o":
      return (type === "int" || type === "*big.Int") ? goInteger(value).toString(8) : plain(value);
    case "b":
      return (type === "int" || type === "*big.Int") ? goInteger(value).toString(2) : plain(value);
  }
  return `%!${verb}(${plain(value)})`;
}

function pad(text: string, flags: string, width: string): string {
  const size = Number(width || 0);
  guardStringLength("sprintf", size);
  if (text.length >= size) return text;
  if (flags.includes("-")) return text.padEnd(size);
  return text.padStart(size, flags.includes("0") ? "0" : " ");
}

function formatInt([value, base]: Value[]): Value {
  const radix = Number(base);
  if (![2, 8, 10, 16].includes(radix)) throw new BuiltinFailure("operand 2 must be one of {2, 8, 10, 16}");
  const number = value as PlainNumber;
  const integer = typeof number === "bigint" ? number : BigInt(Math.trunc(number));
  return integer.toString(radix);
}

function split([text, delimiter]: Value[]): Value {
  const source = text as string;
  const separator = delimiter as string;
  if (separator === "") return [...source];
  return source.split(separator);
}

/** Go's strings.Trim family: removes characters of the cutset from one or both ends. */
let lastCutset: { cutset: string; characters: Set<string> } | null = null;

/** The cutset's characters; policies pass the same cutset call after call (a label check trims every label). */
function cutsetCharacters(cutset: string): Set<string> {
  if (lastCutset?.cutset !== cutset) lastCutset = { cutset, characters: new Set(cutset) };
  return lastCutset.characters;
}

function trimCutset(text: string, cutset: string, left: boolean, right: boolean): string {
  const characters = [...text];
  const cut = cutsetCharacters(cutset);
  let start = 0;
  let end = characters.length;
  while (left && start < end && cut.has(characters[start] as string)) start++;
  while (right && end > start && cut.has(characters[end - 1] as string)) end--;
  return characters.slice(start, end).join("");
}

function substring([text, offset, length]: Value[]): Value {
  if (!isInteger(offset as RegoNumber) || !isInteger(length as RegoNumber)) throw new OperandError("operands 2 and 3 must be integer numbers");
  const start = toFloatNumber(offset as RegoNumber);
  if (start < 0) throw new BuiltinFailure("negative offset");
  const characters = [...(text as string)];
  const count = toFloatNumber(length as RegoNumber);
  return characters.slice(start, count < 0 ? undefined : start + count).join("");
}

function indexOf([text, search]: Value[]): Value {
  const index = (text as string).indexOf(search as string);
  return index < 0 ? -1 : [...(text as string).slice(0, index)].length;
}

/** Strings of a string, array or set operand. */
function stringList(value: Value, position: number): string[] {
  expectOperand(position, value, "string", "set", "array");
  const items = typeof value === "string" ? [value] : elements(value);
  for (const item of items) {
    if (typeof item !== "string") throw new OperandError(`operand ${position} must be ${Array.isArray(value) ? "array" : "set"} of strings but got ${Array.isArray(value) ? "array" : "set"} containing ${typeName(item)}`);
  }
  return items as string[];
}

const anyMatch = (name: string, test: (text: string, affix: string) => boolean): Builtin => ({
  name,
  args: [T.any, T.any],
  result: T.boolean,
  implementation: ([search, affixes]) => {
    const texts = stringList(search as Value, 1);
    const candidates = stringList(affixes as Value, 2);
    return texts.some((text) => candidates.some((affix) => test(text, affix)));
  },
});

export const stringBuiltins: Builtin[] = [
  { name: "concat", args: [T.string, T.arrayOrSet], result: T.string, implementation: concat },
  stringTest("startswith", (a, b) => a.startsWith(b)),
  stringTest("endswith", (a, b) => a.endsWith(b)),
  stringTest("contains", (a, b) => a.includes(b)),
  {
    name: "sprintf",
    args: [T.string, T.array],
    result: T.string,
    implementation: ([format, args]) => sprintf(format as string, args as Value[]),
  },
  stringMap("trim_space", (value) => value.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, "")),
  stringMap("lower", (value) => mapRunes(value, lowerRune)),
  stringMap("upper", (value) => mapRunes(value, (rune) => rune.toUpperCase())),
  { name: "split", args: [T.string, T.string], result: T.array, implementation: split },
  { name: "format_int", args: [T.number, T.number], result: T.string, implementation: formatInt },
  { name: "trim", args: [T.string, T.string], result: T.string, implementation: ([text, cutset]) => trimCutset(text as string, cutset as string, true, true) },
  { name: "trim_left", args: [T.string, T.string], result: T.string, implementation: ([text, cutset]) => trimCutset(text as string, cutset as string, true, false) },
  { name: "trim_right", args: [T.string, T.string], result: T.string, implementation: ([text, cutset]) => trimCutset(text as string, cutset as string, false, true) },
  {
    name: "trim_prefix",
    args: [T.string, T.string],
    result: T.string,
    implementation: ([text, prefix]) => ((text as string).startsWith(prefix as string) ? (text as string).slice((prefix as string).length) : (text as string)),
  },
  {
    name: "trim_suffix",
    args: [T.string, T.string],
    result: T.string,
    implementation: ([text, suffix]) => ((text as string).endsWith(suffix as string) && (suffix as string) !== "" ? (text as string).slice(0, -(suffix as string).length) : (text as string)),
  },
  { name: "replace", args: [T.string, T.string, T.string], result: T.string, implementation: replace },
  { name: "substring", args: [T.string, T.number, T.number], result: T.string, intOperands: [1, 2], implementation: substring },
  { name: "indexof", args: [T.string, T.string], result: T.number, implementation: indexOf },
  anyMatch("strings.any_prefix_match", (text, prefix) => text.startsWith(prefix)),
  anyMatch("strings.any_suffix_match", (text, suffix) => text.endsWith(suffix)),
];

