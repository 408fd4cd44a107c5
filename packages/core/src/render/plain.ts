// The plain renderer: every manifest document in the environment's folder, as written.
import path from "node:path";
import type { Environment, EnvironmentRender, Resource, SourceFile } from "../types.js";
import { isListObject, isObject, looksLikeManifest, resourceKeyOf } from "./resource.js";
import { kustomizationNames } from "./kustomization-files.js";
import { inPlainUnit, simpleUnit, type RenderUnit } from "./gitops/units.js";

/** Files that live beside manifests but are not manifests themselves. */
const notManifests = new Set<string>([...kustomizationNames, "Chart.yaml", "mergegate.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"]);

export function isManifestPath(repoPath: string): boolean {
  const base = path.posix.basename(repoPath);
  if (notManifests.has(base)) return false;
  if (/^values([.-].*)?\.ya?ml$/.test(base)) return false;
  if (repoPath.startsWith(".github/") || repoPath.includes("/.github/")) return false;
  if (repoPath.startsWith(".mergegate/") || repoPath.includes("/.mergegate/")) return false;
  return true;
}

export function renderPlain(env: Environment, files: Map<string, SourceFile>, unit: RenderUnit = simpleUnit(env.path, "plain")): EnvironmentRender {
  const chartDirs = [...files.keys()]
    .filter((file) => path.posix.basename(file) === "Chart.yaml")
    .map((file) => path.posix.dirname(file) + "/");
  const resources: Resource[] = [];
  for (const file of files.values()) {
    if (!inPlainUnit(unit, file.repoPath) || file.values.length === 0 || !isManifestPath(file.repoPath)) continue;
    if (chartDirs.some((dir) => file.repoPath.startsWith(dir))) continue;
    file.values.forEach((value, documentIndex) => {
      if ((file.errors[documentIndex] ?? []).some((error) => error.code !== "DUPLICATE_KEY")) return;
      if (!looksLikeManifest(value)) return;
      if (!isListObject(value)) {
        const origin = { file: file.repoPath, documentIndex, basePointer: "", generator: null };
        resources.push({ key: resourceKeyOf(value), object: value, origin, env: env.name });
        return;
      }
      (value["items"] as unknown[]).forEach((item, index) => {
        if (!isObject(item)) return;
        const origin = { file: file.repoPath, documentIndex, basePointer: `/items/${index}`, generator: null };
        resources.push({ key: resourceKeyOf(item), object: item, origin, env: env.name });
      });
    });
  }
  return { env, resources, kustomizations: [], failed: false, skippedReason: null, problems: [] };
}
