// Rego values in JavaScript: scalars, arrays, sets and objects with composite keys, OPA's ordering, and JSON conversion.

import { compareDecimals, decimalOf, NumberText } from "./number-text.js";

export { NumberText } from "./number-text.js";

/** A number is a plain number or bigint when its text is canonical, a NumberText (keeping its text) otherwise. */
export type RegoNumber = number | bigint | NumberText;
export type Scalar = null | boolean | RegoNumber | string;
export type Value = Scalar | Value[] | SetValue | ObjectValue;

/** The map key of a value: a string stays itself (escaped when it starts with NUL), other values get a NUL-prefixed canonical form. */
export function keyOf(value: Value): string {
  if (typeof value === "string") return value.charCodeAt(0) === 0 ? "\u0000s" + value : value;
  return "\u0000" + canonical(value);
}

function canonical(value: Value): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return "n" + String(value);
    case "bigint":
      return "n" + value.toString();
    case "string":
      return JSON.stringify(value);
  }
  if (value instanceof NumberText) return "n" + value.key;
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value instanceof SetValue) return "{" + value.sorted().map(canonical).join(",") + "}";
  return "o{" + value.sortedEntries().map(([k, v]) => canonical(k) + ":" + canonical(v)).join(",") + "}";
}

/** A Rego set: members keyed by their canonical key; iteration is in OPA's sort order. */
export class SetValue {
  readonly members = new Map<string, Value>();
  private order: Value[] | undefined;

  constructor(items: Iterable<Value> = []) {
    for (const item of items) this.add(item);
  }
  get size(): number {
    return this.members.size;
  }
  add(item: Value): void {
    const key = keyOf(item);
    if (this.members.has(key)) return;
    this.members.set(key, item);
    this.order = undefined;
  }
  has(item: Value): boolean {
    return this.members.has(keyOf(item));
  }
  sorted(): Value[] {
    if (!this.order) this.order = [...this.members.values()].sort(compare);
    return this.order;
  }
}

/**
 * A Rego object: entries keyed by the canonical key of their key; iteration is in OPA's sort order.
 * An object made from plain JSON converts its fields on first access, so large inputs cost only what a policy reads.
 */
export class ObjectValue {
  private readonly entries = new Map<string, [Value, Value]>();
  private order: [Value, Value][] | undefined;
  private source: Record<string, unknown> | undefined;

  static lazy(source: Record<string, unknown>): ObjectValue {
    const result = new ObjectValue();
    result.source = source;
    return result;
  }

  /** Converts every remaining field of a lazily converted object. */
  private materialize(): void {
    const source = this.source;
    if (!source) return;
    this.source = undefined;
    for (const key of Object.keys(source)) {
      const mapKey = keyOf(key);
      if (!this.entries.has(mapKey)) this.entries.set(mapKey, [key, fromJSON(source[key])]);
    }
  }
  get size(): number {
    return this.source ? Object.keys(this.source).length : this.entries.size;
  }
  set(key: Value, value: Value): void {
    this.materialize();
    this.entries.set(keyOf(key), [key, value]);
    this.order = undefined;
  }
  get(key: Value): Value | undefined {
    if (typeof key === "string") return this.getString(key);
    this.materialize();
    return this.entries.get(keyOf(key))?.[1];
  }
  getString(key: string): Value | undefined {
    const mapKey = key.charCodeAt(0) === 0 ? "\u0000s" + key : key;
    const entry = this.entries.get(mapKey);
    if (entry || !this.source || !Object.prototype.hasOwnProperty.call(this.source, key)) return entry?.[1];
    const value = fromJSON(this.source[key]);
    this.entries.set(mapKey, [key, value]);
    return value;
  }
  has(key: Value): boolean {
    return this.get(key) !== undefined;
  }
  delete(key: Value): void {
    this.materialize();
    this.entries.delete(keyOf(key));
    this.order = undefined;
  }
  sortedEntries(): [Value, Value][] {
    this.materialize();
    if (!this.order) this.order = [...this.entries.values()].sort((a, b) => compare(a[0], b[0]));
    return this.order;
  }
  keys(): Value[] {
    return this.sortedEntries().map((entry) => entry[0]);
  }
  copy(): ObjectValue {
    this.materialize();
    const result = new ObjectValue();
    for (const [key, entry] of this.entries) result.entries.set(key, entry);
    return result;
  }
  static from(pairs: Iterable<[Value, Value]>): ObjectValue {
    const result = new ObjectValue();
    for (const [key, value] of pairs) result.set(key, value);
    return result;
  }
}

export function isNumber(value: Value | undefined): value is RegoNumber {
  return typeof value === "number" || typeof value === "bigint" || value instanceof NumberText;
}

/** The plain value of a number: a NumberText's nearest number or bigint, what builtins on numbers compute with. */
export function plainNumber(value: RegoNumber): number | bigint {
  return value instanceof NumberText ? value.value : value;
}

/**
 * The one representation of a double: an integer beyond 2^53 becomes the exact bigint its shortest text names
 * (`1e23` is 10^23, as OPA reads the number's text), and -0 is 0. Integers are numbers exactly when safe.
 */
export function canonicalNumber(value: number): number | bigint {
  if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  if (!Number.isInteger(value)) return value;
  const match = /^(-?\d+)(?:\.(\d+))?(?:e\+?(\d+))?$/.exec(String(value)) as RegExpExecArray;
  const fraction = match[2] ?? "";
  return BigInt((match[1] as string) + fraction) * 10n ** BigInt(Number(match[3] ?? 0) - fraction.length);
}

/** Normalises a bigint to a number when it fits exactly. */
export function normalizeInteger(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** OPA's type order: null < boolean < number < string < array < object < set. */
function typeRank(value: Value): number {
  if (value === null) return 0;
  switch (typeof value) {
    case "boolean":
      return 1;
    case "number":
    case "bigint":
      return 2;
    case "string":
      return 3;
  }
  if (value instanceof NumberText) return 2;
  if (Array.isArray(value)) return 4;
  if (value instanceof ObjectValue) return 5;
  return 6;
}

/**
 * Strings in code point order, as Go compares their UTF-8 bytes. JavaScript's `<` compares UTF-16 units, which puts
 * a character past U+FFFF (a surrogate pair) before U+E000–U+FFFF; only a difference in those units needs care.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 || y < 0xd800) return x < y ? -1 : 1;
    return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Orders UTF-16 units from U+D800 up by the code points they belong to: surrogates after the rest of the BMP. */
function codePointRank(unit: number): number {
  return unit <= 0xdfff ? unit + 0x10000 : unit;
}

/** Compares numbers by the decimals they name: plain values directly, a NumberText beyond a double by its decimal. */
export function compareNumbers(a: RegoNumber, b: RegoNumber): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof NumberText || b instanceof NumberText) {
    if ((a instanceof NumberText && !a.exact) || (b instanceof NumberText && !b.exact)) return compareDecimals(decimalOf(a), decimalOf(b));
    return compareNumbers(plainNumber(a), plainNumber(b));
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order over values as OPA sorts them. */
export function compare(a: Value, b: Value): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a === false ? -1 : 1;
    case 2:
      return compareNumbers(a as RegoNumber, b as RegoNumber);
    case 3:
      return compareStrings(a as string, b as string);
    case 4:
      return compareSequences(a as Value[], b as Value[]);
    case 5:
      return compareObjects(a as ObjectValue, b as ObjectValue);
    default:
      return compareSequences((a as SetValue).sorted(), (b as SetValue).sorted());
  }
}

function compareSequences(a: Value[], b: Value[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compare(a[i] as Value, b[i] as Value);
    if (result !== 0) return result;
  }
  return a.length - b.length;
}

function compareObjects(a: ObjectValue, b: ObjectValue): number {
  const entriesA = a.sortedEntries();
  const entriesB = b.sortedEntries();
  const length = Math.min(entriesA.length, entriesB.length);
  for (let i = 0; i < length; i++) {
    const [keyA, valueA] = entriesA[i] as [Value, Value];
    const [keyB, valueB] = entriesB[i] as [Value, Value];
    const keys = compare(keyA, keyB);
    if (keys !== 0) return keys;
    const values = compare(valueA, valueB);
    if (values !== 0) return values;
  }
  return entriesA.length - entriesB.length;
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const typeA = typeof a;
  if (typeA === "string" || typeA === "boolean" || a === null || b === null) return false;
  return compare(a, b) === 0;
}

/** OPA's type name of a value. */
export function typeName(value: Value): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
  }
  if (value instanceof NumberText) return "number";
  if (Array.isArray(value)) return "array";
  if (value instanceof SetValue) return "set";
  return "object";
}

/** Converts parsed JSON (numbers, bigints, arrays, plain objects) into a Rego value. */
export function fromJSON(json: unknown): Value {
  if (json === null || json === undefined) return null;
  switch (typeof json) {
    case "boolean":
    case "string":
      return json;
    case "number":
      return canonicalNumber(json);
    case "bigint":
      return normalizeInteger(json);
  }
  if (Array.isArray(json)) return json.map(fromJSON);
  if (json instanceof SetValue || json instanceof ObjectValue || json instanceof NumberText) return json;
  if (json instanceof Set) return new SetValue([...json].map(fromJSON));
  if (json instanceof Map) return ObjectValue.from([...json].map(([k, v]) => [fromJSON(k), fromJSON(v)] as [Value, Value]));
  return ObjectValue.lazy(json as Record<string, unknown>);
}

export type JSONValue = null | boolean | number | bigint | string | JSONValue[] | { [key: string]: JSONValue };

/**
 * Converts a Rego value to plain JSON data: sets become sorted arrays, object keys that are not strings are formatted,
 * numbers are plain numbers and bigints (a NumberText gives its nearest plain value; stringifyJSON keeps its text).
 */
export function toJSON(value: Value): JSONValue {
  return convertJSON(value, false) as JSONValue;
}

/** JSON data whose numbers may keep their text: OPA's result output, which writes each number as its text. */
export type ResultJSON = null | boolean | number | bigint | string | NumberText | ResultJSON[] | { [key: string]: ResultJSON };

/** Converts a Rego value to JSON data as toJSON does, a number written other than canonically kept as its NumberText. */
export function toResultJSON(value: Value): ResultJSON {
  return convertJSON(value, true);
}

function convertJSON(value: Value, keepText: boolean): ResultJSON {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof NumberText) return keepText ? value : value.value;
  if (Array.isArray(value)) return value.map((item) => convertJSON(item, keepText));
  if (value instanceof SetValue) return value.sorted().map((item) => convertJSON(item, keepText));
  const result: { [key: string]: ResultJSON } = {};
  for (const [key, item] of value.sortedEntries()) result[typeof key === "string" ? key : stringifyJSON(key)] = convertJSON(item, keepText);
  return result;
}

/** Formats a number as OPA prints it: the text it keeps. */
export function formatNumber(value: RegoNumber): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof NumberText) return value.text;
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** Formats a value as Rego source text (OPA's term string form). */
export function formatValue(value: Value): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return String(value);
    case "number":
    case "bigint":
      return formatNumber(value);
    case "string":
      return JSON.stringify(value);
  }
  if (value instanceof NumberText) return value.text;
  if (Array.isArray(value)) return "[" + value.map(formatValue).join(", ") + "]";
  if (value instanceof SetValue) return value.size === 0 ? "set()" : "{" + value.sorted().map(formatValue).join(", ") + "}";
  return "{" + value.sortedEntries().map(([k, v]) => formatValue(k) + ": " + formatValue(v)).join(", ") + "}";
}

const htmlUnsafe = /[<>&\u2028\u2029]/;
const htmlUnsafeAll = /[<>&\u2028\u2029]/g;

/** A string as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as \u sequences. */
function stringifyString(text: string): string {
  const json = JSON.stringify(text);
  return htmlUnsafe.test(json) ? json.replace(htmlUnsafeAll, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0")) : json;
}

/** Serialises a value to JSON text as OPA's json.marshal does (sets as sorted arrays, strings escaped as Go does). */
export function stringifyJSON(value: Value): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return String(value);
    case "number":
    case "bigint":
      return formatNumber(value);
    case "string":
      return stringifyString(value);
  }
  if (value instanceof NumberText) return value.text;
  if (Array.isArray(value)) return "[" + value.map(stringifyJSON).join(",") + "]";
  if (value instanceof SetValue) return "[" + value.sorted().map(stringifyJSON).join(",") + "]";
  return "{" + value.sortedEntries().map(([k, v]) => stringifyString(typeof k === "string" ? k : stringifyJSON(k)) + ":" + stringifyJSON(v)).join(",") + "}";
}
