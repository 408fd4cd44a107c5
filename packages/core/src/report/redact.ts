// Redaction, a contract of every output: secret values are replaced where they stand — in Secret objects, at each
// detected credential's position, inside the messages built from them — before any format writes text.
import { createHmac } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { scanText } from "../checks/secrets/scan-text.js";
import { isObject } from "../render/resource.js";
import { lineStartsOf } from "../repo/positions.js";
import { plainValue } from "../repo/yaml-budget.js";
import type { KubeObject, Render, SourceFile } from "../types.js";

/** Values shorter than this get a marker without a hash: a hash of a short value is a dictionary lookup away. */
export const shortValueLength = 8;
/** Known values shorter than this are replaced only where they stand (a Secret's field), never inside other text. */
const defaultMinimumTextLength = 4;

/** Replaces secrets inside one string: a field's value, a message, a source line — never a finished report. */
export type Redact = (text: string) => string;

export interface Redaction {
  /** The repository's key: markers and secret fingerprints are HMACs with it. */
  readonly key: string;
  /** The marker of one secret value: `<redacted>` when short, else `<redacted sha256:XXXXXXXX>` keyed per repository. */
  marker(value: string): string;
  /** One string with every known secret value (as a whole token) and every detected credential replaced. */
  text: Redact;
  /** A deep copy of a value: Secret data and stringData replaced by markers, every other string through `text`. */
  value<T>(value: T): T;
  /** The keyed digest of a secret value: the subject of its findings' fingerprints. */
  digest(value: string): string;
}

export function keyedDigest(key: string, value: string): string {
  return createHmac("sha256", key).update(value).digest("hex");
}

export function markerOf(key: string, value: string): string {
  return value.length < shortValueLength ? "<redacted>" : `<redacted sha256:${keyedDigest(key, value).slice(0, 8)}>`;
}

/**
 * Whether to look for a value inside other text: not when shorter than the minimum, nor (by default) when it is a
 * short plain word ("deploy", "true", "error"), which would only blank out the same word in unrelated messages.
 */
function searchable(form: string, minimumTextLength: number): boolean {
  if (form.length < minimumTextLength) return false;
  return minimumTextLength < defaultMinimumTextLength || form.length >= shortValueLength || !/^\p{L}+$/u.test(form);
}

/** A word character: a known value is replaced only where it is a whole token, so "deploy" leaves "deployment" alone. */
const wordCharacter = /[\p{L}\p{N}_]/u;

/** `minimumTextLength`: 1 for the messages about one Secret, which may quote any of its own values. */
export function redactionFor(key: string, values: Iterable<string>, minimumTextLength = defaultMinimumTextLength): Redaction {
  const forms = new Map<string, string>();
  for (const value of values) {
    if (value === "") continue;
    const marker = markerOf(key, value);
    const variants = [value, JSON.stringify(value).slice(1, -1), ...value.split("\n").map((line) => line.trim())];
    for (const form of variants) if (searchable(form, minimumTextLength) && !forms.has(form)) forms.set(form, marker);
  }
  const exact = new Set([...values].filter((value) => value !== ""));
  const search = forms.size === 0 ? null : new RegExp([...forms.keys()].sort((a, b) => b.length - a.length).map(escapeLiteral).join("|"), "gu");
  const marker = (value: string): string => markerOf(key, value);
  const text = (input: string): string => {
    if (input === "") return input;
    if (exact.has(input)) return marker(input);
    return replaceKnown(replaceDetected(input, marker), search, forms);
  };
  const redactValue = (value: unknown, inSecret: boolean): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, inSecret));
    // Only plain records are walked: an instance of a class (a Rego number keeping its text) is a scalar.
    if (!isObject(value) || !isPlainRecord(value)) return value;
    const secret = inSecret || value["kind"] === "Secret";
    return Object.fromEntries(
      Object.entries(value).map(([field, nested]) => [field, secret && (field === "data" || field === "stringData") ? secretFields(nested, marker) : redactValue(nested, false)]),
    );
  };
  return { key, marker, text, value: <T>(value: T) => redactValue(value, false) as T, digest: (value) => keyedDigest(key, value) };
}

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function secretFields(value: unknown, marker: (value: string) => string): unknown {
  if (typeof value === "string") return marker(value);
  if (Array.isArray(value)) return value.map((item) => secretFields(item, marker));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([field, nested]) => [field, secretFields(nested, marker)]));
  return value;
}

const escapeLiteral = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every credential a detector finds in the string, replaced at its position. */
function replaceDetected(input: string, marker: (value: string) => string): string {
  const lineStarts = lineStartsOf(input);
  const spans = scanText(input, lineStarts).map((match) => {
    const start = (lineStarts[match.line - 1] ?? 0) + match.column - 1;
    return { start, end: start + match.secret.length, secret: match.secret };
  });
  if (spans.length === 0) return input;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let output = "";
  let position = 0;
  for (const span of spans) {
    if (span.start < position) continue; // overlaps a span already replaced
    output += input.slice(position, span.start) + marker(span.secret);
    position = span.end;
  }
  return output + input.slice(position);
}

/** Known values replaced where they stand as whole tokens. */
function replaceKnown(input: string, search: RegExp | null, forms: ReadonlyMap<string, string>): string {
  if (search === null) return input;
  search.lastIndex = 0;
  let output = "";
  let position = 0;
  for (let hit = search.exec(input); hit !== null; hit = search.exec(input)) {
    const form = hit[0];
    const start = hit.index;
    const end = start + form.length;
    const before = input[start - 1] ?? "";
    const after = input[end] ?? "";
    const boundedStart = !wordCharacter.test(form[0] ?? "") || !wordCharacter.test(before);
    const boundedEnd = !wordCharacter.test(form[form.length - 1] ?? "") || !wordCharacter.test(after);
    if (!boundedStart || !boundedEnd) {
      search.lastIndex = start + 1;
      continue;
    }
    output += input.slice(position, start) + (forms.get(form) ?? "<redacted>");
    position = end;
  }
  return output + input.slice(position);
}

/** The values of every Secret object: rendered, and as written in the repo (also when they did not render). */
export function secretValues(render: Render, files: Iterable<SourceFile>): Set<string> {
  const values = new Set<string>();
  for (const { resources } of render.environments) for (const resource of resources) addFromValue(resource.object, values);
  for (const file of files) {
    if (!file.text.includes("Secret")) continue; // no Secret object, inline or generated, without the word
    for (const value of file.values) addFromValue(value, values);
  }
  return values;
}

/** The values of every Secret in a document (an input or data file of `policy eval`). */
export function secretValuesIn(value: unknown): Set<string> {
  const values = new Set<string>();
  addFromValue(value, values);
  return values;
}

/**
 * Collects Secret values from a YAML value, broken documents included: Secret objects, Secrets written
 * inside strings (inline kustomize patches, which kustomize echoes in its errors), and secretGenerator literals.
 */
function addFromValue(value: unknown, values: Set<string>): void {
  if (typeof value === "string") {
    if (/kind:\s*["']?Secret\b/.test(value)) {
      // an alias bomb or a recursive alias in an inline patch holds no value worth collecting (plainValue gives null)
      for (const document of parseAllDocuments(value)) addFromValue(plainValue(document), values);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) addFromValue(item, values);
    return;
  }
  if (!isObject(value)) return;
  if (value["kind"] === "Secret") addSecretObject(value, values);
  const generators = value["secretGenerator"];
  if (Array.isArray(generators)) {
    for (const generator of generators) {
      const literals = isObject(generator) ? generator["literals"] : null;
      if (!Array.isArray(literals)) continue;
      for (const literal of literals) {
        if (typeof literal === "string" && literal.includes("=")) values.add(literal.slice(literal.indexOf("=") + 1));
      }
    }
  }
  for (const nested of Object.values(value)) addFromValue(nested, values);
}

/** The values of one Secret object (data raw and decoded, stringData). */
export function secretObjectValues(object: KubeObject): Set<string> {
  const values = new Set<string>();
  addSecretObject(object, values);
  return values;
}

function addSecretObject(object: KubeObject, values: Set<string>): void {
  for (const field of ["data", "stringData"]) {
    const entries = object[field];
    if (!isObject(entries)) continue;
    for (const entry of Object.values(entries)) {
      if (typeof entry !== "string") continue;
      values.add(entry);
      if (field === "data") values.add(Buffer.from(entry, "base64").toString("utf8"));
    }
  }
}
