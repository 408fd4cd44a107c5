// Which environments the repo has: from mergegate.yaml, else as the GitOps controllers apply it (Flux clusters, Argo CD
// applications), plus folder-convention and kustomization-root detection for whatever no controller object reaches.
import path from "node:path";
import type { Config } from "../config/config.js";
import { GateError } from "../errors.js";
import type { Environment, RenderProblem, SourceFile } from "../types.js";
import { argoEnvironments } from "./gitops/argocd.js";
import { uncoveredNotes } from "./gitops/coverage.js";
import { fluxEnvironments } from "./gitops/flux.js";
import { inferUrls } from "./gitops/infer-urls.js";
import { folderName, type GitopsEnvironment } from "./gitops/model.js";
import { repoObjects } from "./gitops/objects.js";
import { unknownRepository, type ThisRepository } from "./gitops/this-repository.js";
import { simpleUnit, type RenderUnit } from "./gitops/units.js";
import { environmentInputs, foldersOf, inputFiles, touches, type RenderInputs } from "./inputs.js";
import { isKustomizationFile, isRemoteReference, kustomizationFileIn, readKustomization, resolveEntry } from "./kustomization-files.js";
import { isProduction } from "./production.js";

const conventionFolders = ["overlays", "envs", "environments", "clusters"] as const;

export interface EnvironmentOptions {
  /** `--env` names; empty means all. */
  only: readonly string[];
  /** Skip `--env` names this tree lacks instead of failing (a base commit). */
  ignoreUnknown?: boolean;
  /** This repository's URL and revisions (foreign sources are not rendered); unknown when absent. */
  repository?: ThisRepository;
}

export interface ResolvedEnvironments {
  environments: Environment[];
  /** Repository-level notes: `render/external-source` and `render/uncovered`. */
  notes: RenderProblem[];
}

export function resolveEnvironments(config: Config, files: Map<string, SourceFile>, allPaths: readonly string[], options: EnvironmentOptions): Environment[] {
  return resolveTree(config, files, allPaths, options).environments;
}

export function resolveTree(config: Config, files: Map<string, SourceFile>, allPaths: readonly string[], options: EnvironmentOptions): ResolvedEnvironments {
  const found = config.environments !== undefined ? { environments: configured(config, files), notes: [] } : detect(config, files, allPaths, options.repository ?? unknownRepository());
  const all = found.environments.map((env) => ({ ...env, sources: inputFiles(environmentInputs(env, files), files).map((file) => file.path) }));
  const notes = [...found.notes, ...uncoveredNotes(all, files)];
  if (options.only.length === 0) return { environments: all, notes };
  const unknown = options.only.filter((name) => !all.some((env) => env.name === name));
  if (unknown.length > 0 && options.ignoreUnknown !== true) {
    const known = all.map((env) => env.name).join(", ") || "none";
    throw new GateError(`unknown environment "${unknown.join('", "')}" (known: ${known})`);
  }
  return { environments: all.filter((env) => options.only.includes(env.name)), notes };
}

function configured(config: Config, files: Map<string, SourceFile>): Environment[] {
  return Object.entries(config.environments ?? {}).map(([name, settings]) => {
    const root = normalizeDir(settings.path);
    const chosen = settings.renderer ?? "auto";
    const renderer = chosen === "auto" ? autoRenderer(files, root) : chosen;
    const production = isProduction(name, settings.production);
    return {
      name,
      path: root,
      renderer,
      failOn: settings.failOn ?? "error",
      kubernetesVersion: settings.kubernetesVersion ?? config.kubernetesVersion ?? null,
      progressive: settings.progressive ?? production,
      production,
      units: [simpleUnit(root, renderer)],
      sources: [],
      detectedBy: "config" as const,
      kustomizeBuildOptions: settings.kustomizeBuildOptions ?? config.kustomizeBuildOptions ?? [],
    };
  });
}

interface Candidate {
  name: string;
  distinctName: string;
  path: string;
  units: RenderUnit[];
  detectedBy: Environment["detectedBy"];
}

/**
 * Flux clusters and Argo CD applications first; then, on what none of them reaches, the folder conventions
 * (`overlays/<env>` …), else kustomization roots that nothing references; else one plain environment `default`.
 */
function detect(config: Config, files: Map<string, SourceFile>, allPaths: readonly string[], given: ThisRepository): ResolvedEnvironments {
  const objects = repoObjects(files);
  const folders = foldersOf(files);
  const repo = inferUrls(given, objects, folders);
  const flux = fluxEnvironments(objects, files, folders, repo);
  const argo = argoEnvironments(objects, files, folders, repo);
  const gitops: Candidate[] = [...flux.environments, ...argo.environments].map((env: GitopsEnvironment) => ({ ...env }));
  const reached = gitops.flatMap((env) => env.units.map((unit) => environmentInputs({ units: [unit] } as Environment, files)));
  const conventions = conventionRoots(allPaths).filter((root) => !isReached(reached, root));
  const fallback = conventions.length > 0 ? conventions : kustomizeRoots(files).filter((root) => !isReached(reached, root));
  const detected: Candidate[] = fallback.map((root) => ({ name: folderName(root), distinctName: root, path: root, units: [simpleUnit(root, autoRenderer(files, root))], detectedBy: "convention" }));
  const candidates = [...gitops, ...detected];
  if (candidates.length === 0) candidates.push({ name: "default", distinctName: ".", path: ".", units: [simpleUnit(".", autoRenderer(files, "."))], detectedBy: "convention" });
  return {
    environments: distinctNames(candidates).map((candidate) => {
      const production = isProduction(candidate.name, undefined);
      const options = config.kustomizeBuildOptions ?? (candidate.detectedBy === "argocd" ? argo.buildOptions : null) ?? [];
      return {
        name: candidate.name,
        path: candidate.path,
        renderer: rendererOf(candidate.units),
        failOn: "error" as const,
        kubernetesVersion: config.kubernetesVersion ?? null,
        progressive: production,
        production,
        units: candidate.units,
        sources: [],
        detectedBy: candidate.detectedBy,
        kustomizeBuildOptions: options,
      };
    }),
    notes: [...flux.notes, ...argo.notes],
  };
}

/** A folder is reached when a controller's unit reads it, a folder inside it or a folder around it. */
function isReached(reached: readonly RenderInputs[], root: string): boolean {
  return reached.some((inputs) => touches(inputs, root) || inputs.dirs.some((dir) => dir.startsWith(root + "/")) || inputs.files.some((file) => file.startsWith(root + "/")));
}

/** Names where unique; a clash takes the distinct names (cluster/environment, or the folder path). */
function distinctNames(candidates: readonly Candidate[]): Candidate[] {
  const count = (names: readonly string[], name: string): number => names.filter((other) => other === name).length;
  const names = candidates.map((candidate) => candidate.name);
  const first = candidates.map((candidate) => (count(names, candidate.name) > 1 ? { ...candidate, name: candidate.distinctName } : candidate));
  const again = first.map((candidate) => candidate.name);
  return first.map((candidate) => (count(again, candidate.name) > 1 ? { ...candidate, name: `${candidate.name}@${candidate.path}` } : candidate));
}

function rendererOf(units: readonly RenderUnit[]): Environment["renderer"] {
  if (units.length === 1 && units[0] !== undefined) return units[0].renderer;
  if (units.some((unit) => unit.renderer === "kustomize")) return "kustomize";
  return units.some((unit) => unit.renderer === "helm") ? "helm" : "plain";
}

/** `overlays/<env>`, `envs/<env>`, `environments/<env>`, `clusters/<env>` anywhere in the tree. */
function conventionRoots(allPaths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const file of allPaths) {
    const segments = file.split("/");
    for (let index = 0; index + 2 < segments.length; index++) {
      if ((conventionFolders as readonly string[]).includes(segments[index] ?? "")) {
        roots.add(segments.slice(0, index + 2).join("/"));
        break;
      }
    }
  }
  return [...roots].sort();
}

/** Kustomizations that no other kustomization references (components excluded). */
function kustomizeRoots(files: Map<string, SourceFile>): string[] {
  const kustomizations = [...files.values()]
    .filter((file) => isKustomizationFile(file.repoPath))
    .map(readKustomization);
  const referenced = new Set<string>();
  for (const kustomization of kustomizations) {
    for (const entry of kustomization.references) {
      if (isRemoteReference(entry.value)) continue;
      const target = resolveEntry(kustomization.dir, entry.value);
      if (target !== null) referenced.add(target);
    }
  }
  return kustomizations
    .filter((kustomization) => kustomization.kind !== "Component" && !referenced.has(kustomization.dir))
    .map((kustomization) => kustomization.dir)
    .sort();
}

function autoRenderer(files: Map<string, SourceFile>, root: string): Environment["renderer"] {
  if (kustomizationFileIn(files, root) !== null) return "kustomize";
  if (files.has(root === "." ? "Chart.yaml" : `${root}/Chart.yaml`)) return "helm";
  return "plain";
}

function normalizeDir(dir: string): string {
  const normalized = path.posix.normalize(dir.replace(/\\/g, "/")).replace(/\/$/, "");
  return normalized === "" ? "." : normalized;
}
