// locate(resource, pointer): the source file:line where a human edits the field a finding is about.
import path from "node:path";
import { isMap, isNode, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from "yaml";
import type { Kustomization } from "../render/kustomization-files.js";
import { isRemoteReference, resolveEntry } from "../render/kustomization-files.js";
import { isObject } from "../render/resource.js";
import { anchorIn } from "../repo/outline.js";
import { findNode, lineColumnOf, lineStartsOf, nodeRange, pointerSegments } from "../repo/positions.js";
import type { Location, Resource, SourceFile } from "../types.js";
import { existingDepth, itemNamesAlong, valueAt } from "./object-path.js";

export interface LocateScope {
  files: Map<string, SourceFile>;
  /** The environment's kustomizations, root first (empty for plain renders). */
  kustomizations: readonly Kustomization[];
}

/** A hit inside some text: a YAML node (or its range, from an outline), and how to turn its offsets into file lines. */
interface Hit {
  file: SourceFile;
  node: Node | { range: [number, number] };
  /** Lines to add when the node sits in a patch written inline in a kustomization. */
  lineOffset: number;
  lineStarts: number[];
}

export function locate(scope: LocateScope, resource: Resource, pointer: string): Location | null {
  const wanted = pointerSegments(pointer);
  const segments = wanted.slice(0, existingDepth(resource.object, wanted));
  const itemNames = itemNamesAlong(resource.object, segments);
  // A missing field belongs in the mapping that defines its parent: the source document first.
  const missing = segments.length < wanted.length;
  const origin = missing ? inOrigin(scope, resource, segments, itemNames) : null;
  if (origin !== null) return toLocation(origin);
  for (const kustomization of chainOf(scope, resource)) {
    const hit = inKustomization(scope, kustomization, resource, segments, itemNames);
    if (hit !== null) return toLocation(hit);
  }
  const hit = missing ? null : inOrigin(scope, resource, segments, itemNames);
  return hit === null ? null : toLocation(hit);
}

function toLocation(hit: Hit): Location {
  const [start, end] = isNode(hit.node) ? nodeRange(hit.node) : hit.node.range;
  const from = lineColumnOf(hit.lineStarts, start);
  const to = lineColumnOf(hit.lineStarts, Math.max(start, end));
  return {
    file: hit.file.path,
    line: from.line + hit.lineOffset,
    column: from.column,
    endLine: to.line + hit.lineOffset,
    endColumn: to.column,
  };
}

/** Kustomizations the resource passed through, outermost (applied last) first. */
function chainOf(scope: LocateScope, resource: Resource): Kustomization[] {
  if (resource.origin.file === "") return [];
  const originDir = path.posix.dirname(resource.origin.file);
  const byDir = new Map(scope.kustomizations.map((kustomization) => [kustomization.dir, kustomization]));
  const reaches = (kustomization: Kustomization, seen: Set<string>): boolean => {
    if (kustomization.dir === originDir) return true;
    if (seen.has(kustomization.dir)) return false;
    seen.add(kustomization.dir);
    return kustomization.references.some((entry) => {
      if (isRemoteReference(entry.value)) return false;
      const target = resolveEntry(kustomization.dir, entry.value);
      if (target === null) return false;
      if (target === resource.origin.file) return true;
      const next = byDir.get(target);
      return next !== undefined && reaches(next, seen);
    });
  };
  return scope.kustomizations.filter((kustomization) => reaches(kustomization, new Set()));
}

function field(document: Document.Parsed | null, key: string): Node | null {
  const contents = document?.contents;
  if (!isMap(contents)) return null;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair === undefined ? null : ((pair.value as Node | null) ?? (pair.key as Node));
}

function keyNode(map: unknown, key: string): Node | null {
  if (!isMap(map)) return null;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair === undefined ? null : (pair.key as Node);
}

function hitIn(file: SourceFile, node: Node | null): Hit | null {
  return node === null ? null : { file, node, lineOffset: 0, lineStarts: file.lineStarts };
}

function inKustomization(
  scope: LocateScope,
  kustomization: Kustomization,
  resource: Resource,
  segments: string[],
  itemNames: (string | null)[],
): Hit | null {
  const file = kustomization.file;
  const document = kustomization.document;
  const joined = segments.join("/");
  const last = segments[segments.length - 1];
  const patchHit = inPatches(scope, kustomization, resource, segments, itemNames);
  if (patchHit !== null) return patchHit;
  if (joined === "metadata/namespace") return hitIn(file, keyNode(document?.contents, "namespace"));
  if (joined === "metadata/name") {
    return hitIn(file, keyNode(document?.contents, "nameSuffix") ?? keyNode(document?.contents, "namePrefix"));
  }
  if (joined === "spec/replicas") {
    const entry = listEntry(field(document, "replicas"), (item) => nameMatches(resource, item.get("name")));
    if (entry !== null) return hitIn(file, keyNode(entry, "count") ?? entry);
  }
  if (last === "image") {
    const image = valueAt(resource.object, segments);
    const imageName = typeof image === "string" ? image.replace(/@.*$/, "").replace(/:[^:/]*$/, "") : null;
    const entry = listEntry(field(document, "images"), (item) => item.get("newName") === imageName || item.get("name") === imageName);
    if (entry !== null) return hitIn(file, keyNode(entry, "newTag") ?? keyNode(entry, "digest") ?? keyNode(entry, "newName") ?? entry);
  }
  if (last !== undefined && segments.some((segment) => segment === "labels" || segment === "matchLabels")) {
    const common = keyNode(field(document, "commonLabels"), last);
    if (common !== null) return hitIn(file, common);
    const labels = field(document, "labels");
    if (isSeq(labels)) {
      for (const item of labels.items) {
        const pairs = isMap(item) ? item.get("pairs", true) : null;
        const found = keyNode(pairs, last);
        if (found !== null) return hitIn(file, found);
      }
    }
  }
  if (last !== undefined && segments[0] === "metadata" && segments[1] === "annotations") {
    return hitIn(file, keyNode(field(document, "commonAnnotations"), last));
  }
  return null;
}

function listEntry(list: Node | null, matches: (item: YAMLMap) => boolean): YAMLMap | null {
  if (!isSeq(list)) return null;
  for (const item of list.items) if (isMap(item) && matches(item)) return item;
  return null;
}

/** A kustomize name (replicas, patch targets) matches the rendered name, allowing for prefixes, suffixes and hashes. */
function nameMatches(resource: Resource, name: unknown): boolean {
  const rendered = resource.key.name;
  return typeof name === "string" && rendered !== null && (rendered === name || rendered.includes(name));
}

interface PatchSource {
  /** Where the patch text lives. */
  file: SourceFile;
  documents: Document.Parsed[];
  lineOffset: number;
  lineStarts: number[];
  target: Record<string, unknown> | null;
}

/** Patches of one kustomization, last applied first. */
function patchesOf(scope: LocateScope, kustomization: Kustomization): PatchSource[] {
  const sources: PatchSource[] = [];
  const fromEntry = (entry: unknown, target: Record<string, unknown> | null): void => {
    if (isScalar(entry) && typeof entry.value === "string") {
      const looksInline = entry.value.includes("\n") || entry.value.includes(":");
      if (looksInline) sources.push(inlinePatch(kustomization.file, entry as Node, entry.value, target));
      else pushFile(entry.value, target);
      return;
    }
    if (!isMap(entry)) return;
    const rawTarget: unknown = entry.get("target", true);
    const patchTarget = isMap(rawTarget) ? (rawTarget.toJSON() as Record<string, unknown>) : null;
    const filePath = entry.get("path");
    const inline = entry.get("patch", true);
    if (typeof filePath === "string") pushFile(filePath, patchTarget);
    else if (isScalar(inline) && typeof inline.value === "string") {
      sources.push(inlinePatch(kustomization.file, inline as Node, inline.value, patchTarget));
    }
  };
  const pushFile = (relative: string, target: Record<string, unknown> | null): void => {
    const resolved = resolveEntry(kustomization.dir, relative);
    const file = resolved === null ? undefined : scope.files.get(resolved);
    if (file !== undefined) sources.push({ file, documents: file.documents, lineOffset: 0, lineStarts: file.lineStarts, target });
  };
  for (const key of ["patchesStrategicMerge", "patchesJson6902", "patches"]) {
    const list = field(kustomization.document, key);
    if (isSeq(list)) for (const entry of list.items) fromEntry(entry, null);
  }
  return sources.reverse();
}

function inlinePatch(file: SourceFile, node: Node, text: string, target: Record<string, unknown> | null): PatchSource {
  const start = lineColumnOf(file.lineStarts, nodeRange(node)[0]).line;
  const isBlock = isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED");
  return { file, documents: parseAllDocuments(text) as Document.Parsed[], lineOffset: start - 1 + (isBlock ? 1 : 0), lineStarts: lineStartsOf(text), target };
}

function inPatches(
  scope: LocateScope,
  kustomization: Kustomization,
  resource: Resource,
  segments: string[],
  itemNames: (string | null)[],
): Hit | null {
  for (const patch of patchesOf(scope, kustomization)) {
    if (patch.target !== null && !targetMatches(patch.target, resource)) continue;
    for (const document of [...patch.documents].reverse()) {
      const contents = document.contents;
      const hit = isSeq(contents)
        ? inJsonPatch(contents.items, segments)
        : patch.target !== null || patchNamesResource(document, resource)
          ? inStrategicMerge(document, segments, itemNames)
          : null;
      if (hit !== null) return { file: patch.file, node: hit, lineOffset: patch.lineOffset, lineStarts: patch.lineStarts };
    }
  }
  return null;
}

function patchNamesResource(document: Document.Parsed, resource: Resource): boolean {
  const value: unknown = document.toJS();
  if (!isObject(value) || value["kind"] !== resource.key.kind) return false;
  const metadata = isObject(value["metadata"]) ? value["metadata"] : {};
  return nameMatches(resource, metadata["name"]);
}

function targetMatches(target: Record<string, unknown>, resource: Resource): boolean {
  const matchesPattern = (pattern: unknown, value: string | null): boolean => {
    if (typeof pattern !== "string") return true;
    if (value === null) return false;
    try {
      return new RegExp(`^(?:${pattern})$`).test(value) || value.includes(pattern);
    } catch {
      return value.includes(pattern);
    }
  };
  const group = (resource.key.apiVersion ?? "").includes("/") ? (resource.key.apiVersion ?? "").split("/")[0] : "";
  if (typeof target["group"] === "string" && target["group"] !== group) return false;
  return matchesPattern(target["kind"], resource.key.kind) && matchesPattern(target["name"], resource.key.name) &&
    matchesPattern(target["namespace"], resource.key.namespace);
}

/** Fields that identify a patch's target rather than set a value. */
const identityFields = new Set(["apiVersion", "kind", "metadata/name", "metadata/namespace"]);

function inStrategicMerge(document: Document.Parsed, segments: string[], itemNames: (string | null)[]): Node | null {
  if (identityFields.has(segments.join("/"))) return null;
  const match = findNode(document, segments, itemNames);
  return match !== null && match.depth === segments.length && segments.length > 0 ? match.anchor : null;
}

function inJsonPatch(operations: unknown[], segments: string[]): Node | null {
  const pointer = "/" + segments.join("/");
  for (const operation of [...operations].reverse()) {
    if (!isMap(operation)) continue;
    const opPath = operation.get("path");
    if (typeof opPath !== "string" || operation.get("op") === "remove") continue;
    if (pointer === opPath || pointer.startsWith(opPath + "/")) {
      const valueNode = operation.get("value", true) as Node | undefined;
      const nested = valueNode !== undefined && isMap(valueNode) && pointer !== opPath
        ? findNodeInValue(valueNode, pointer.slice(opPath.length + 1).split("/"))
        : null;
      return nested ?? keyNode(operation, "value") ?? operation;
    }
  }
  return null;
}

function findNodeInValue(map: YAMLMap, segments: string[]): Node | null {
  let current: unknown = map;
  let anchor: Node | null = null;
  for (const segment of segments) {
    if (!isMap(current)) return null;
    anchor = keyNode(current, segment);
    if (anchor === null) return null;
    current = current.get(segment, true);
  }
  return anchor;
}

function inOrigin(scope: LocateScope, resource: Resource, segments: string[], itemNames: (string | null)[]): Hit | null {
  const file = scope.files.get(resource.origin.file);
  if (file === undefined) return null;
  if (resource.origin.generator !== null) return inGenerator(file, resource, segments);
  const base = pointerSegments(resource.origin.basePointer);
  const path = [...base, ...segments];
  const names = [...base.map(() => null), ...itemNames];
  const outlines = file.outlines;
  if (outlines !== undefined) {
    const index = originIndex(file.values, resource);
    const outline = index === null ? null : (outlines[index] ?? null);
    return outline === null ? null : { file, node: { range: anchorIn(outline, path, names) }, lineOffset: 0, lineStarts: file.lineStarts };
  }
  const document = originDocument(file, resource);
  if (document === null) return null;
  const match = findNode(document, path, names);
  return match === null ? null : hitIn(file, match.anchor);
}

/** The index of the resource's source document: the origin's, else the document of its kind with the longest matching name. */
function originIndex(values: readonly unknown[], resource: Resource): number | null {
  if (resource.origin.documentIndex !== null) return resource.origin.documentIndex < values.length ? resource.origin.documentIndex : null;
  let best: number | null = null;
  let bestLength = -1;
  values.forEach((value, index) => {
    if (!isObject(value) || value["kind"] !== resource.key.kind) return;
    const name = isObject(value["metadata"]) ? value["metadata"]["name"] : null;
    if (typeof name === "string" && nameMatches(resource, name) && name.length > bestLength) {
      best = index;
      bestLength = name.length;
    }
  });
  return best;
}

function originDocument(file: SourceFile, resource: Resource): Document.Parsed | null {
  const index = originIndex(file.values, resource);
  return index === null ? null : (file.documents[index] ?? null);
}

/** Generated objects point at their generator entry in the kustomization, at the literal or file for a data key. */
function inGenerator(file: SourceFile, resource: Resource, segments: string[]): Hit | null {
  const document = file.documents[0] ?? null;
  const key = resource.origin.generator?.kind === "SecretGenerator" ? "secretGenerator" : "configMapGenerator";
  const entry = listEntry(field(document, key), (item) => nameMatches(resource, item.get("name")));
  if (entry === null) return hitIn(file, keyNode(document?.contents, key));
  const dataKey = segments[0] === "data" || segments[0] === "binaryData" ? segments[1] : undefined;
  if (dataKey !== undefined) {
    for (const listKey of ["literals", "files", "envs"]) {
      const list = entry.get(listKey, true);
      if (!isSeq(list)) continue;
      const item = list.items.find((candidate) => isScalar(candidate) && String(candidate.value).startsWith(dataKey));
      if (item !== undefined) return hitIn(file, item as Node);
    }
  }
  return hitIn(file, keyNode(entry, "name") ?? entry);
}
