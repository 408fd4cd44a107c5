// What an environment's render reads: the folders of its kustomize graph and every file or folder its
// kustomizations name (patches, generator files, chart homes …) — for the render cache key and affected environments.
import type { Environment, SourceFile } from "../types.js";
import { plainUnitFiles, type RenderUnit } from "./gitops/units.js";
import { helmReleaseChart, isFluxHelmRelease } from "./helm.js";
import { kustomizationGraph, resolveEntry, type Kustomization } from "./kustomization-files.js";
import { isObject } from "./resource.js";

export interface RenderInputs {
  /** DIR-relative folders whose whole content is an input ("." for the repo root). */
  dirs: string[];
  /** DIR-relative single files (or paths that do not exist yet) a kustomization names outside those folders. */
  files: string[];
}

/** The inputs of one environment: the union of its units' inputs. */
export function environmentInputs(env: Environment, files: ReadonlyMap<string, SourceFile>): RenderInputs {
  return merged(env.units.map((unit) => unitInputs(unit, files)));
}

/**
 * Inputs per loaded file set and unit: selection, coverage, the overlay and the render all ask for them, and both a
 * tree's file map and its units are never changed once made.
 */
const unitInputCache = new WeakMap<ReadonlyMap<string, SourceFile>, WeakMap<RenderUnit, RenderInputs>>();

/** The inputs of one render unit; kustomize units pass their graph when the caller already has it. */
export function unitInputs(unit: RenderUnit, files: ReadonlyMap<string, SourceFile>, graph?: readonly Kustomization[]): RenderInputs {
  let known = unitInputCache.get(files);
  if (known === undefined) {
    known = new WeakMap();
    unitInputCache.set(files, known);
  }
  let inputs = known.get(unit);
  if (inputs === undefined) {
    inputs = unitInputsOf(unit, files, graph);
    known.set(unit, inputs);
  }
  return inputs;
}

function unitInputsOf(unit: RenderUnit, files: ReadonlyMap<string, SourceFile>, graph?: readonly Kustomization[]): RenderInputs {
  const own = direct(unit, files, graph);
  const components = unit.overlay?.components ?? [];
  return withHelmCharts(merged([own, { dirs: components, files: unit.definedIn }]), files);
}

function merged(parts: readonly RenderInputs[]): RenderInputs {
  const roots = outermost(parts.flatMap((part) => part.dirs));
  const named = new Set(parts.flatMap((part) => part.files));
  const rootSet = new Set(roots);
  return { dirs: roots, files: [...named].filter((file) => !withinAny(rootSet, file, true)).sort() };
}

/** Flux HelmReleases among the inputs template in-repo charts: those charts and values files are inputs too. */
function withHelmCharts(inputs: RenderInputs, files: ReadonlyMap<string, SourceFile>): RenderInputs {
  const dirs = new Set(inputs.dirs);
  const named = new Set(inputs.files);
  for (const file of inputFiles(inputs, files)) {
    // only a HelmRelease's value can name a chart: the other files' values are not read for this
    if (!file.identities.some(isFluxHelmRelease)) continue;
    for (const value of file.values) {
      const chart = isObject(value) ? helmReleaseChart(value, files) : null;
      if (chart === null) continue;
      dirs.add(chart.dir);
      for (const valuesFile of chart.valueFiles) named.add(valuesFile);
    }
  }
  if (dirs.size === inputs.dirs.length && named.size === inputs.files.length) return inputs;
  return merged([{ dirs: [...dirs], files: [...named] }]);
}

function direct(unit: RenderUnit, files: ReadonlyMap<string, SourceFile>, graph?: readonly Kustomization[]): RenderInputs {
  if (unit.renderer === "helm") return { dirs: [unit.path], files: (unit.helm?.valueFiles ?? []).filter((file) => !within(unit.path, file)) };
  if (unit.renderer === "plain") {
    const selective = unit.plain !== undefined && (!unit.plain.recurse || unit.plain.include.length > 0 || unit.plain.exclude.length > 0);
    return selective ? { dirs: [], files: plainUnitFiles(unit, files).map((file) => file.repoPath) } : { dirs: [unit.path], files: [] };
  }
  const kustomizations = graph ?? kustomizationGraph(files as Map<string, SourceFile>, unit.path);
  const dirs = new Set<string>([unit.path, ...kustomizations.map((kustomization) => kustomization.dir)]);
  const folders = foldersOf(files);
  const named = new Set<string>();
  for (const kustomization of kustomizations) {
    for (const text of stringsOf(kustomization.value)) {
      if (text === "" || text.includes("\n")) continue;
      const value = text.includes("=") ? (text.split("=").pop() ?? "") : text;
      const target = value === "" ? null : resolveEntry(kustomization.dir, value);
      if (target !== null && target !== kustomization.dir && (files.has(target) || folders.has(target))) named.add(target);
    }
  }
  for (const target of named) if (folders.has(target)) dirs.add(target);
  return merged([{ dirs: [...dirs], files: [...named] }]);
}

/** Every string in a value, keys included: any of them may name a file the build reads. */
function stringsOf(value: unknown): string[] {
  const found: string[] = [];
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") found.push(next);
    else if (Array.isArray(next)) for (const item of next as unknown[]) pending.push(item);
    else if (isObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        found.push(key);
        pending.push(item);
      }
    }
  }
  return found;
}

/** Whether a path (which may no longer exist) belongs to these inputs. */
export function touches(inputs: RenderInputs, repoPath: string): boolean {
  const sets = setsOf(inputs);
  return sets.files.has(repoPath) || withinAny(sets.dirs, repoPath, true);
}

/** Inputs as sets, built once per inputs object (they are never changed after they are made). */
const inputSets = new WeakMap<RenderInputs, { dirs: Set<string>; files: Set<string> }>();
function setsOf(inputs: RenderInputs): { dirs: Set<string>; files: Set<string> } {
  let sets = inputSets.get(inputs);
  if (sets === undefined) {
    sets = { dirs: new Set(inputs.dirs), files: new Set(inputs.files) };
    inputSets.set(inputs, sets);
  }
  return sets;
}

/** Whether a folder of the set holds the path (or, with `self`, is the path): one lookup per path segment. */
function withinAny(dirs: ReadonlySet<string>, repoPath: string, self: boolean): boolean {
  if (dirs.has(".")) return repoPath !== "." || self;
  if (self && dirs.has(repoPath)) return true;
  for (let slash = repoPath.lastIndexOf("/"); slash > 0; slash = repoPath.lastIndexOf("/", slash - 1)) {
    if (dirs.has(repoPath.slice(0, slash))) return true;
  }
  return false;
}

/** The loaded files that are inputs, sorted. */
export function inputFiles(inputs: RenderInputs, files: ReadonlyMap<string, SourceFile>): SourceFile[] {
  const chosen: SourceFile[] = [];
  for (const file of files.values()) if (touches(inputs, file.repoPath)) chosen.push(file);
  return chosen.sort((a, b) => (a.repoPath < b.repoPath ? -1 : a.repoPath > b.repoPath ? 1 : 0));
}

function within(dir: string, repoPath: string): boolean {
  return dir === "." || repoPath === dir || repoPath.startsWith(dir + "/");
}

const folderCache = new WeakMap<ReadonlyMap<string, SourceFile>, ReadonlySet<string>>();

/** Every folder that holds a loaded file, "." included (once per file set). */
export function foldersOf(files: ReadonlyMap<string, SourceFile>): ReadonlySet<string> {
  let folders = folderCache.get(files);
  if (folders === undefined) {
    const found = new Set<string>(["."]);
    for (const key of files.keys()) {
      for (let slash = key.indexOf("/"); slash !== -1; slash = key.indexOf("/", slash + 1)) found.add(key.slice(0, slash));
    }
    folders = found;
    folderCache.set(files, folders);
  }
  return folders;
}

/** Drops folders inside other listed folders. */
function outermost(dirs: readonly string[]): string[] {
  const unique = new Set(dirs);
  return [...unique].filter((dir) => !withinAny(unique, dir, false)).sort();
}
