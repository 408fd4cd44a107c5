// Encoding builtins: base64, base64url, hex, urlquery, json.* (marshal, unmarshal, is_valid) and yaml.*.

import { parse as parseYAML, stringify as stringifyYAML } from "yaml";
import { numberFromText } from "../number-text.js";
import { formatValue, fromJSON, ObjectValue, SetValue, stringifyJSON, toJSON, type Value } from "../values.js";
import { BuiltinFailure, elements, OperandError, T, type Builtin } from "./registry.js";

/** JSON tokens: strings (skipped whole) and numbers. */
const numberTokens = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
/** Text that may hold a number JSON.parse would not keep as written: a long integer, a fraction or an exponent. */
const maybeTextNumber = /\d{16,}|\d[.eE]/;
const numberMarker = "\u0000number";
const numberMarkerJSON = JSON.stringify(numberMarker);

/**
 * Parses JSON keeping every number as written, as OPA's json.Number does: exact integers at any size, and the text of
 * numbers written other than canonically (`1.0`, `1e3`). Validity and errors come from JSON.parse.
 */
export function parseJSON(text: string): Value {
  return fromJSON(parseJSONData(text));
}

/** JSON text as plain data whose numbers are as parseJSON keeps them (bigints and NumberTexts where JSON.parse would round). */
export function parseJSONData(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  if (!maybeTextNumber.test(text)) return parsed;
  let marked = false;
  const source = text.replace(numberTokens, (token) => {
    if (token.startsWith('"') || String(Number(token)) === token) return token;
    marked = true;
    return `{${numberMarkerJSON}:"${token}"}`;
  });
  if (!marked) return parsed;
  return JSON.parse(source, (_key, value: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === numberMarker) {
        const token = (value as Record<string, string>)[numberMarker] as string;
        return numberFromText(token) ?? Number(token);
      }
    }
    return value;
  });
}

function strictBase64(text: string, alphabet: RegExp, padded: boolean): Buffer {
  const body = padded ? text : text.replace(/=+$/, "");
  if (!alphabet.test(body) || (padded && body.length % 4 !== 0)) throw new BuiltinFailure("illegal base64 data at input byte 0");
  return Buffer.from(body, alphabet.source.includes("_") ? "base64url" : "base64");
}

function base64Decode([text]: Value[]): Value {
  return strictBase64(text as string, /^[A-Za-z0-9+/]*={0,2}$/, true).toString("utf8");
}

function base64UrlDecode([text]: Value[]): Value {
  const source = text as string;
  const padded = source.length % 4 === 0 && source.includes("=");
  return strictBase64(source, /^[A-Za-z0-9_-]*={0,2}$/, padded || source.length % 4 === 0).toString("utf8");
}

function hexDecode([text]: Value[]): Value {
  const source = text as string;
  const invalid = /[^0-9a-fA-F]/.exec(source);
  if (invalid) throw new BuiltinFailure(`encoding/hex: invalid byte: U+${invalid[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(invalid[0]).replace(/"/g, "'")}`);
  if (source.length % 2 !== 0) throw new BuiltinFailure("encoding/hex: odd length hex string");
  return Buffer.from(source, "hex").toString("utf8");
}

/** Go's url.QueryEscape. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+").replace(/~/g, "%7E");
}

function queryUnescape(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new BuiltinFailure(`invalid URL escape ${JSON.stringify(/%.{0,2}/.exec(text)?.[0] ?? text)}`);
  }
}

function encodeObject([object]: Value[]): Value {
  const parts: string[] = [];
  for (const [key, value] of (object as ObjectValue).sortedEntries()) {
    const values = typeof value === "string" ? [value] : Array.isArray(value) || value instanceof SetValue ? elements(value) : undefined;
    if (values === undefined || values.some((item) => typeof item !== "string")) throw new OperandError("operand 1 values must be string, array[string], or set[string]");
    for (const item of values) parts.push(`${queryEscape(key as string)}=${queryEscape(item as string)}`);
  }
  return parts.join("&");
}

function decodeObject([text]: Value[]): Value {
  const result = new Map<string, string[]>();
  for (const part of (text as string).split(/&/)) {
    if (part === "") continue;
    const [key, value = ""] = part.split(/=(.*)/s) as [string, string?];
    const name = queryUnescape(key);
    result.set(name, [...(result.get(name) ?? []), queryUnescape(value)]);
  }
  return ObjectValue.from([...result].map(([key, values]) => [key, values]));
}

function marshalWithOptions([value, options]: Value[]): Value {
  const settings = options as ObjectValue;
  for (const [key, setting] of settings.sortedEntries()) {
    if (!["pretty", "indent", "prefix"].includes(key as string)) throw new OperandError(`object contained unknown key ${formatValue(key)}`);
    if (key === "pretty" && typeof setting !== "boolean") throw new BuiltinFailure("pretty option must be a boolean");
    if (key !== "pretty" && typeof setting !== "string") throw new BuiltinFailure(`${key as string} option must be a string`);
  }
  const pretty = settings.get("pretty");
  const indent = settings.get("indent") as string | undefined;
  const prefix = settings.get("prefix") as string | undefined;
  if (pretty === false || (pretty === undefined && indent === undefined && prefix === undefined)) return stringifyJSON(value as Value);
  const text = JSON.stringify(JSON.parse(stringifyJSON(value as Value)), null, indent ?? "\t");
  return text.split("\n").map((line) => (prefix ?? "") + line).join("\n");
}

function isJSON(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * YAML as OPA reads it through sigs.k8s.io/yaml (go-yaml v2): YAML 1.1 scalars (`yes`/`on`/`y` are booleans, `0777` is
 * octal, `0b101` binary), but timestamps, sets, ordered maps and sexagesimal numbers are not resolved (they stay plain).
 */
const yamlOptions = {
  version: "1.1",
  intAsBigInt: true,
  merge: true,
  logLevel: "error",
  customTags: (tags: { tag: string; format?: string }[]) => tags.filter((tag) => !/:(timestamp|set|omap|pairs)$/.test(tag.tag) && tag.format !== "TIME"),
} as const;

/** The JSON conversion sigs.k8s.io/yaml makes: a value JSON cannot hold (`.inf`, `.nan`) is an error, as json.Marshal's. */
function jsonable(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) throw new BuiltinFailure(`json: unsupported value: ${Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf"}`);
  if (Array.isArray(value)) value.forEach(jsonable);
  else if (value !== null && typeof value === "object") Object.values(value).forEach(jsonable);
  return value;
}

/** go-yaml's wording for the syntax errors the `yaml` package reports (its own wording otherwise). */
const goYamlWording: [RegExp, string][] = [
  [/^Flow sequence must end with a \]/, "did not find expected ',' or ']'"],
  [/^Flow map must end with a \}/, "did not find expected ',' or '}'"],
  [/^Nested mappings are not allowed in compact mappings|^Implicit keys need to be on a single line/, "mapping values are not allowed in this context"],
  [/^All mapping items must start at the same column/, "did not find expected key"],
  [/^Tabs are not allowed as indentation|^Plain value cannot start with reserved character/, "found character that cannot start any token"],
  [/^Missing closing .?quote/, "found unexpected end of stream"],
];

function yamlError(error: Error): BuiltinFailure {
  const message = error.message.split("\n")[0] ?? "";
  const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
  const wording = goYamlWording.find(([pattern]) => pattern.test(message));
  if (wording && line !== undefined) return new BuiltinFailure(`yaml: line ${line}: ${wording[1]}`);
  return new BuiltinFailure(`yaml: ${message}`);
}

function yamlValue(text: string): Value {
  let parsed: unknown;
  try {
    parsed = parseYAML(text, yamlOptions as never);
  } catch (error) {
    throw yamlError(error as Error);
  }
  return fromJSON(jsonable(parsed ?? null));
}

const base64Valid = (text: string): boolean => /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;


/**
 * yaml.marshal writes YAML as sigs.k8s.io/yaml (go-yaml v2) does: sequences inside a mapping are not indented, and a
 * string that YAML 1.1 would read as another type (`yes`, `on`, `012`, `~`) is quoted.
 */
const goYAML = { version: "1.1", indentSeq: false } as const;
export const encodingBuiltins: Builtin[] = [
  { name: "base64.encode", args: [T.string], result: T.string, implementation: ([text]) => Buffer.from(text as string).toString("base64") },
  { name: "base64.decode", args: [T.string], result: T.string, implementation: base64Decode },
  { name: "base64.is_valid", args: [T.string], result: T.boolean, implementation: ([text]) => base64Valid(text as string) },
  { name: "base64url.encode", args: [T.string], result: T.string, implementation: ([text]) => Buffer.from(text as string).toString("base64url").padEnd(Math.ceil(Buffer.byteLength(text as string) / 3) * 4, "=") },
  { name: "base64url.encode_no_pad", args: [T.string], result: T.string, implementation: ([text]) => Buffer.from(text as string).toString("base64url") },
  { name: "base64url.decode", args: [T.string], result: T.string, implementation: base64UrlDecode },
  { name: "hex.encode", args: [T.string], result: T.string, implementation: ([text]) => Buffer.from(text as string).toString("hex") },
  { name: "hex.decode", args: [T.string], result: T.string, implementation: hexDecode },
  { name: "urlquery.encode", args: [T.string], result: T.string, implementation: ([text]) => queryEscape(text as string) },
  { name: "urlquery.decode", args: [T.string], result: T.string, implementation: ([text]) => queryUnescape(text as string) },
  { name: "urlquery.encode_object", args: [T.object], result: T.string, implementation: encodeObject },
  { name: "urlquery.decode_object", args: [T.string], result: T.object, implementation: decodeObject },
  { name: "json.marshal", args: [T.any], result: T.string, implementation: ([value]) => stringifyJSON(value as Value) },
  { name: "json.marshal_with_options", args: [T.any, T.object], result: T.string, implementation: marshalWithOptions },
  {
    name: "json.unmarshal",
    args: [T.string],
    result: T.any,
    implementation: ([text]) => {
      try {
        return parseJSON(text as string);
      } catch (error) {
        throw new BuiltinFailure((error as Error).message);
      }
    },
  },
  { name: "json.is_valid", args: [T.string], operands: [T.any], result: T.boolean, implementation: ([text]) => typeof text === "string" && isJSON(text) },
  { name: "yaml.marshal", args: [T.any], result: T.string, implementation: ([value]) => stringifyYAML(toJSON(value as Value), goYAML) },
  { name: "yaml.unmarshal", args: [T.string], result: T.any, implementation: ([text]) => yamlValue(text as string) },
  {
    name: "yaml.is_valid",
    args: [T.string],
    result: T.boolean,
    implementation: ([text]) => {
      try {
        yamlValue(text as string);
        return true;
      } catch {
        return false;
      }
    },
  },
];
