// What is checked before kustomize runs: every field that can make it load a URL (resources, components,
// generators, transformers, openapi.path, helmCharts repo, patch and generator files …, aliases resolved), and
// every input it would read that is over the loader's budgets (an alias bomb, a huge file) — so that a repository
// can neither reach the network nor exhaust the machine through kustomize.
import type { SkippedFile } from "../repo/load.js";
import { findNode, lineColumnOf, nodeRange, segmentsToPointer, pointerSegments } from "../repo/positions.js";
import type { Location, RenderProblem, SourceFile } from "../types.js";
import { isRemoteReference, resolveEntry, type Kustomization } from "./kustomization-files.js";
import { isObject } from "./resource.js";

export interface LoadingField {
  /** JSON pointer of the value inside the kustomization. */
  pointer: string;
  value: string;
}

/** A value kustomize would fetch: a URL of any scheme, a git or hosting-service address. */
export function loadsRemotely(value: string): boolean {
  return isRemoteReference(value) || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value.trim());
}

/** Lists of paths or URLs; generators' `files` and `envs` entries may be `key=path`. */
const pathLists = ["resources", "bases", "components", "crds", "configurations", "generators", "transformers", "validators", "patchesStrategicMerge"];
const pathListsOfEntries: Record<string, string[]> = {
  patches: ["path"],
  patchesJson6902: ["path"],
  replacements: ["path"],
  configMapGenerator: ["env", "envs", "files"],
  secretGenerator: ["env", "envs", "files"],
  helmCharts: ["repo", "valuesFile", "additionalValuesFiles"],
  helmChartInflationGenerator: ["chartRepoUrl", "values"],
};

/** Every value of a kustomization that names something kustomize loads, with its pointer. */
export function loadingFieldsOf(kustomization: Kustomization): LoadingField[] {
  const value = kustomization.file.values[0];
  if (!isObject(value)) return [];
  const fields: LoadingField[] = [];
  const add = (segments: (string | number)[], entry: unknown): void => {
    if (typeof entry === "string") fields.push({ pointer: segmentsToPointer(segments), value: entry.includes("=") && !loadsRemotely(entry) ? entry.slice(entry.indexOf("=") + 1) : entry });
    else if (Array.isArray(entry)) entry.forEach((item, index) => add([...segments, index], item));
  };
  for (const key of pathLists) add([key], value[key]);
  for (const [key, names] of Object.entries(pathListsOfEntries)) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (isObject(item)) for (const name of names) add([key, index, name], item[name]);
    });
  }
  const openapi = value["openapi"];
  if (isObject(openapi)) add(["openapi", "path"], openapi["path"]);
  return fields;
}

export interface PreflightOptions {
  files: ReadonlyMap<string, SourceFile>;
  skipped: readonly SkippedFile[];
  allowRemote: boolean;
}

/** The problems that stop an environment's kustomize build before it starts; empty when it may run. */
export function preflightProblems(kustomizations: readonly Kustomization[], options: PreflightOptions): RenderProblem[] {
  const skipped = new Map(options.skipped.map((file) => [file.repoPath, file]));
  const problems: RenderProblem[] = [];
  for (const kustomization of kustomizations) {
    const own = overBudget(kustomization.file.repoPath, options.files, skipped);
    if (own !== null) {
      problems.push({ rule: "render/failed", message: `${kustomization.file.path} is not built: ${own}`, location: locationOf(kustomization, "") });
      continue;
    }
    for (const field of loadingFieldsOf(kustomization)) {
      if (loadsRemotely(field.value)) {
        if (options.allowRemote) continue;
        const name = pointerSegments(field.pointer).filter((segment) => !/^\d+$/.test(segment)).join(".");
        problems.push({ rule: "render/remote-source", message: `remote ${name} entry "${field.value}" is not rendered (pass --allow-remote to fetch it)`, location: locationOf(kustomization, field.pointer) });
        continue;
      }
      const target = resolveEntry(kustomization.dir, field.value);
      const reason = target === null ? null : overBudget(target, options.files, skipped);
      if (reason !== null) problems.push({ rule: "render/failed", message: `${field.value} is not built by kustomize: ${reason}`, location: locationOf(kustomization, field.pointer) });
    }
  }
  return problems;
}

/** Why kustomize must not read a file: over a loader budget, unreadable, or YAML aliases that do not expand (a bomb, a cycle); null when it may. */
function overBudget(repoPath: string, files: ReadonlyMap<string, SourceFile>, skipped: ReadonlyMap<string, SkippedFile>): string | null {
  const skip = skipped.get(repoPath);
  if (skip !== undefined && skip.reason !== "invalid-utf8") return `the file is ${skip.reason === "oversize" ? `${skip.bytes} bytes, over the size limit` : skip.reason.replace(/-/g, " ")}`;
  const file = files.get(repoPath);
  if (file === undefined) return null;
  const bomb = file.errors.flat().find((error) => error.code === "BAD_ALIAS");
  return bomb === undefined ? null : `its YAML aliases cannot be expanded (${bomb.message})`;
}

function locationOf(kustomization: Kustomization, pointer: string): Location {
  const file = kustomization.file;
  const document = kustomization.document;
  const match = document === null ? null : findNode(document, pointerSegments(pointer));
  const start = match === null ? 0 : nodeRange(match.value ?? match.anchor)[0];
  const { line, column } = lineColumnOf(file.lineStarts, start);
  return { file: file.path, line, column, endLine: line, endColumn: column };
}
