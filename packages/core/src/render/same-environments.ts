// Whether a tree made of another with some files' contents replaced (the index, a base commit: git/overlay-tree.ts)
// resolves to the same environments, so that it takes them over instead of resolving them again. Resolution reads
// paths, kustomization files, the identities of documents (coverage) and the values of controller objects only
// (gitops/objects.ts): of the entries (Flux Kustomizations, Argo CD applications, HelmReleases) always, of what they
// reference (sources, ConfigMaps, Secrets) only when the tree has an entry. So a change that keeps the paths,
// touches no kustomization or chart and leaves every document's identity as it was, none of them an object
// resolution reads, cannot change what it finds.
import path from "node:path";
import type { SourceFile } from "../types.js";
import { isEntryKind, isReferencedKind } from "./gitops/objects.js";
import { kustomizationNames } from "./kustomization-files.js";

export function sameEnvironments(from: ReadonlyMap<string, SourceFile>, to: ReadonlyMap<string, SourceFile>, replaced: Iterable<string>): boolean {
  const changed: SourceFile[] = [];
  for (const repoPath of replaced) {
    const before = from.get(repoPath);
    const after = to.get(repoPath);
    if (before === undefined && after === undefined) continue; // absent, or not loaded, on both sides
    if (before === undefined || after === undefined) return false; // a path added or removed
    const base = path.posix.basename(repoPath);
    if ((kustomizationNames as readonly string[]).includes(base) || base === "Chart.yaml" || !sameIdentities(before, after)) return false;
    changed.push(before);
  }
  if (changed.length === 0) return true;
  const entries = new Set<string>();
  for (const file of from.values()) for (const identity of file.identities) if (identity !== null && isEntryKind(identity.kind)) entries.add(identity.kind);
  // an ApplicationSet's git files generator reads whichever files its globs match, of any kind
  if (entries.has("ApplicationSet")) return false;
  const read = (kind: string): boolean => isEntryKind(kind) || (entries.size > 0 && isReferencedKind(kind));
  return !changed.some((file) => file.identities.some((identity) => identity !== null && read(identity.kind)));
}

function sameIdentities(before: SourceFile, after: SourceFile): boolean {
  const [a, b] = [before.identities, after.identities];
  return (
    a.length === b.length &&
    a.every((identity, index) => {
      const other = b[index];
      if (identity === null || other === null || other === undefined) return identity === other;
      return identity.apiVersion === other.apiVersion && identity.kind === other.kind && identity.name === other.name && identity.namespace === other.namespace;
    })
  );
}
