// Redaction, a contract of every output format: no Secret value ever leaves mergegate unredacted.
import { createHash } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { isObject } from "../render/resource.js";
import type { KubeObject, Render, SourceFile } from "../types.js";

/** Values shorter than this are too common to redact safely ("1", "true"). */
const minimumLength = 4;

export function redactedForm(value: string): string {
  return `<redacted sha256:${createHash("sha256").update(value).digest("hex").slice(0, 8)}>`;
}

export type Redact = (text: string) => string;

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

/**
 * Collects Secret values from a YAML value, broken documents included: Secret objects, Secrets written
 * inside strings (inline kustomize patches, which kustomize echoes in its errors), and secretGenerator literals.
 */
function addFromValue(value: unknown, values: Set<string>): void {
  if (typeof value === "string") {
    if (/kind:\s*["']?Secret\b/.test(value)) {
      for (const document of parseAllDocuments(value)) addFromValue(document.toJS({ maxAliasCount: 100 }), values);
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

/** A function replacing every known secret value (raw, JSON-escaped and per line) with its redacted form. */
export function redactorFor(values: Iterable<string>): Redact {
  const replacements = new Map<string, string>();
  for (const value of values) {
    const forms = [value, JSON.stringify(value).slice(1, -1), ...value.split("\n").map((line) => line.trim())];
    for (const form of forms) if (form.length >= minimumLength && !replacements.has(form)) replacements.set(form, redactedForm(value));
  }
  const ordered = [...replacements.keys()].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const form of ordered) if (result.includes(form)) result = result.split(form).join(replacements.get(form) ?? "");
    return result;
  };
}
