// What the Flux and Argo CD models hand to environment resolution: environments as controllers see them, and the
// repository-level notes (foreign sources) they found on the way.
import path from "node:path";
import type { RenderProblem, SourceFile } from "../../types.js";
import { isManifestPath } from "../plain.js";
import { kustomizationGraph, resolveEntry } from "../kustomization-files.js";
import { plainUnitFiles, type RenderUnit } from "./units.js";

export interface GitopsEnvironment {
  name: string;
  /** The name to use when `name` clashes with another environment's (a path, or cluster/environment). */
  distinctName: string;
  /** The folder shown for it: the cluster entry, or the first unit's folder. */
  path: string;
  units: RenderUnit[];
  detectedBy: "flux" | "argocd";
}

export interface GitopsModel {
  environments: GitopsEnvironment[];
  notes: RenderProblem[];
}

const conventionFolders = new Set(["overlays", "envs", "environments", "clusters"]);

/** The environment a path names by convention: the segment after overlays/, envs/, environments/ or clusters/. */
export function conventionName(folder: string): string | null {
  const segments = folder.split("/");
  for (let index = 0; index + 1 < segments.length; index++) {
    if (conventionFolders.has(segments[index] ?? "")) return segments[index + 1] ?? null;
  }
  return null;
}

/** The folder up to the environment a path names by convention (`clusters/prod/apps` → `clusters/prod`). */
export function conventionRoot(folder: string): string {
  const segments = folder.split("/");
  for (let index = 0; index + 1 < segments.length; index++) {
    if (conventionFolders.has(segments[index] ?? "")) return segments.slice(0, index + 2).join("/");
  }
  return folder;
}

export function folderName(folder: string): string {
  return folder === "." ? "default" : path.posix.basename(folder);
}

/** The repository files a unit applies as objects: a kustomize graph's resource files, or a plain unit's manifests. */
export function appliedFiles(unit: RenderUnit, files: Map<string, SourceFile>): SourceFile[] {
  if (unit.renderer === "plain") return plainUnitFiles(unit, files).filter((file) => isManifestPath(file.repoPath));
  if (unit.renderer !== "kustomize") return [];
  const applied: SourceFile[] = [];
  for (const kustomization of kustomizationGraph(files, unit.path)) {
    for (const entry of kustomization.references) {
      if (entry.key === "components") continue;
      const target = resolveEntry(kustomization.dir, entry.value);
      const file = target === null ? undefined : files.get(target);
      if (file !== undefined) applied.push(file);
    }
  }
  return applied;
}
