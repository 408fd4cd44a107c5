// CRDs read from files (a schema location, the cache): a file is parsed only when a kind of a group it declares is
// looked up, and its parsed CRDs are kept as JSON in the cache, because parsing large CRD YAML is slow.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import type { GroupVersionKind } from "./api-groups.js";
import { crdSource, isCrd } from "./crd-source.js";
import { writeAtomically } from "../fs-atomic.js";
import type { ResolvedSchema, SchemaSource } from "./schema-source.js";

interface CrdFile {
  file: string;
  text: string;
  groups: Set<string>;
}

/** A source over CRD files; `cacheRoot` holds the parsed copies. */
export function crdFilesSource(name: string, files: readonly string[], cacheRoot: string): SchemaSource {
  const crdFiles: CrdFile[] = files.map((file) => {
    const text = readFileSync(file, "utf8");
    return { file, text, groups: declaredGroups(text) };
  });
  const bySet = new Map<string, SchemaSource>();
  const sourceFor = (group: string): SchemaSource => {
    let source = bySet.get(group);
    if (source === undefined) {
      const crds = crdFiles.filter((entry) => entry.groups.has(group)).flatMap((entry) => parsedCrds(entry.text, cacheRoot));
      source = crdSource(name, crds);
      bySet.set(group, source);
    }
    return source;
  };
  return {
    name,
    covers: (group) => crdFiles.some((entry) => entry.groups.has(group)),
    schemaFor: (gvk: GroupVersionKind, kubernetesVersion: string): Promise<ResolvedSchema | null> => sourceFor(gvk.group).schemaFor(gvk, kubernetesVersion),
  };
}

/** The API groups a CRD file declares (`group: x` in its spec), read without parsing the YAML. */
export function declaredGroups(text: string): Set<string> {
  const groups = new Set<string>();
  for (const match of text.matchAll(/^\s*"?group"?:\s*["']?([a-z0-9][a-z0-9.-]*)["']?,?\s*$/gm)) if (match[1] !== undefined) groups.add(match[1]);
  return groups;
}

/** The CRDs in a YAML or JSON text, from the parsed-JSON cache when it has them. */
export function parsedCrds(text: string, cacheRoot: string): Record<string, unknown>[] {
  const cached = path.join(cacheRoot, "parsed-crds", `${createHash("sha256").update(text).digest("hex")}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as Record<string, unknown>[];
  const crds = crdsInText(text);
  writeAtomically(cached, JSON.stringify(crds));
  return crds;
}

export function crdsInText(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as unknown)
    .filter(isCrd);
}
