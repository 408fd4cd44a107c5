// The kustomize graph as written in the repo: kustomization files, their entries, and which folders they reference.
import path from "node:path";
import type { Document } from "yaml";
import type { SourceFile } from "../types.js";
import { isObject } from "./resource.js";

export const kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

/** Whether a repo path names a kustomization file (by its base name). */
export function isKustomizationFile(repoPath: string): boolean {
  return (kustomizationNames as readonly string[]).includes(path.posix.basename(repoPath));
}

/** Keys whose entries are other kustomizations or resource files. */
const referenceKeys = ["resources", "bases", "components"] as const;

export interface KustomizationEntry {
  key: string;
  value: string;
}

export interface Kustomization {
  /** DIR-relative folder ("." for the root). */
  dir: string;
  file: SourceFile;
  /** The file's (first document's) value. */
  value: unknown;
  /** Its syntax tree, parsed when first asked for (to place a finding or a problem on an entry's line). */
  readonly document: Document.Parsed | null;
  kind: "Kustomization" | "Component";
  /** `resources`, `bases` and `components` entries, in order. */
  references: KustomizationEntry[];
}

/** The kustomization file of a folder, if the repo has one. */
export function kustomizationFileIn(files: Map<string, SourceFile>, dir: string): SourceFile | null {
  for (const name of kustomizationNames) {
    const file = files.get(dir === "." ? name : `${dir}/${name}`);
    if (file !== undefined) return file;
  }
  return null;
}

/** A kustomization read from its file's value: the graph and the render inputs need no syntax tree. */
export function readKustomization(file: SourceFile): Kustomization {
  const value: unknown = file.values[0] ?? null;
  const references: KustomizationEntry[] = [];
  let kind: Kustomization["kind"] = "Kustomization";
  if (isObject(value)) {
    if (value["kind"] === "Component") kind = "Component";
    for (const key of referenceKeys) {
      const list = value[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) if (typeof item === "string") references.push({ key, value: item });
    }
  }
  return {
    dir: path.posix.dirname(file.repoPath),
    file,
    value,
    get document() {
      return file.documents[0] ?? null;
    },
    kind,
    references,
  };
}

const remotePattern = /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\.git(\/\/|$)/;

export function isRemoteReference(value: string): boolean {
  return remotePattern.test(value);
}

/** DIR-relative path an entry points at, or null when it leaves the repo. */
export function resolveEntry(dir: string, value: string): string | null {
  const joined = path.posix.normalize(path.posix.join(dir, value)).replace(/\/$/, "");
  if (joined === ".." || joined.startsWith("../")) return null;
  return joined === "" ? "." : joined;
}

/**
 * Walks the kustomize graph from a root folder: every kustomization reachable through
 * resources/bases/components, root first, each once.
 */
export function kustomizationGraph(files: Map<string, SourceFile>, rootDir: string): Kustomization[] {
  const seen = new Set<string>();
  const order: Kustomization[] = [];
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const file = kustomizationFileIn(files, dir);
    if (file === null) return;
    const kustomization = readKustomization(file);
    order.push(kustomization);
    for (const entry of kustomization.references) {
      if (isRemoteReference(entry.value)) continue;
      const target = resolveEntry(dir, entry.value);
      if (target !== null) visit(target);
    }
  };
  visit(rootDir);
  return order;
}
