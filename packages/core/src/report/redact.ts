// Redaction, a contract of every output format: no Secret value ever leaves mergegate unredacted.
import { createHash } from "node:crypto";
import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Document } from "yaml";
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
  const addObject = (object: KubeObject): void => {
    if (object["kind"] !== "Secret") return;
    for (const field of ["data", "stringData"]) {
      const entries = object[field];
      if (!isObject(entries)) continue;
      for (const value of Object.values(entries)) {
        if (typeof value !== "string") continue;
        values.add(value);
        if (field === "data") values.add(Buffer.from(value, "base64").toString("utf8"));
      }
    }
  };
  for (const { resources } of render.environments) for (const resource of resources) addObject(resource.object);
  for (const file of files) {
    if (!file.text.includes("Secret")) continue; // no Secret object, inline or generated, without the word
    for (const document of file.documents) addFromDocument(document, values);
  }
  return values;
}

/**
 * Reads Secret values straight from the YAML tree, so broken documents are covered too: Secret
 * objects, Secrets written inside string scalars (inline kustomize patches, which kustomize echoes
 * in its errors), and secretGenerator literals.
 */
function addFromDocument(document: Document, values: Set<string>): void {
  const contents = document.contents;
  if (isMap(contents) && (contents.get("kind") as unknown) === "Secret") {
    for (const field of ["data", "stringData"]) {
      const entries = contents.get(field, true);
      if (!isMap(entries)) continue;
      for (const pair of entries.items) {
        if (!isScalar(pair.value) || typeof pair.value.value !== "string") continue;
        values.add(pair.value.value);
        if (field === "data") values.add(Buffer.from(pair.value.value, "base64").toString("utf8"));
      }
    }
  }
  const generators = isMap(contents) ? contents.get("secretGenerator", true) : null;
  if (isSeq(generators)) {
    for (const generator of generators.items) {
      const literals = isMap(generator) ? generator.get("literals", true) : null;
      if (!isSeq(literals)) continue;
      for (const literal of literals.items) {
        if (isScalar(literal) && typeof literal.value === "string" && literal.value.includes("=")) {
          values.add(literal.value.slice(literal.value.indexOf("=") + 1));
        }
      }
    }
  }
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && /kind:\s*["']?Secret\b/.test(node.value)) {
        for (const inner of parseAllDocuments(node.value)) addFromDocument(inner, values);
      }
    },
  });
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
