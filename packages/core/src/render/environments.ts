// Which environments the repo has: from mergegate.yaml, else detected from folder conventions and kustomize roots.
import path from "node:path";
import type { Config } from "../config/config.js";
import { GateError } from "../errors.js";
import type { Environment, HelmSource, SourceFile } from "../types.js";
import { gitopsRoots } from "./gitops-sources.js";
import { isRemoteReference, kustomizationFileIn, kustomizationNames, readKustomization, resolveEntry } from "./kustomization-files.js";

const conventionFolders = ["overlays", "envs", "environments", "clusters"] as const;
const progressiveNames = new Set(["prod", "production"]);

export interface EnvironmentOptions {
  /** `--env` names; empty means all. */
  only: readonly string[];
  /** Skip `--env` names this tree lacks instead of failing (a base commit). */
  ignoreUnknown?: boolean;
}

export function resolveEnvironments(
  config: Config,
  files: Map<string, SourceFile>,
  allPaths: readonly string[],
  options: EnvironmentOptions,
): Environment[] {
  const all = config.environments !== undefined ? configured(config, files) : detect(config, files, allPaths);
  if (options.only.length === 0) return all;
  const unknown = options.only.filter((name) => !all.some((env) => env.name === name));
  if (unknown.length > 0 && options.ignoreUnknown !== true) {
    const known = all.map((env) => env.name).join(", ") || "none";
    throw new GateError(`unknown environment "${unknown.join('", "')}" (known: ${known})`);
  }
  return all.filter((env) => options.only.includes(env.name));
}

function configured(config: Config, files: Map<string, SourceFile>): Environment[] {
  return Object.entries(config.environments ?? {}).map(([name, settings]) => {
    const root = normalizeDir(settings.path);
    const renderer = settings.renderer ?? "auto";
    return {
      name,
      path: root,
      renderer: renderer === "auto" ? autoRenderer(files, root) : renderer,
      failOn: settings.failOn ?? "error",
      kubernetesVersion: settings.kubernetesVersion ?? config.kubernetesVersion ?? null,
      progressive: settings.progressive ?? progressiveNames.has(name),
    };
  });
}

/** Detection order (CONTRACTS): GitOps objects, convention folders, unreferenced kustomizations, else one `default`. */
function detect(config: Config, files: Map<string, SourceFile>, allPaths: readonly string[]): Environment[] {
  const gitops = gitopsRoots(files);
  const roots = conventionRoots(allPaths);
  const chosen = roots.length > 0 ? roots : kustomizeRoots(files);
  const named = gitops.length > 0 ? gitops : chosen.length > 0 ? nameRoots(chosen) : [{ name: "default", root: "." }];
  return named.map((entry: { name: string; root: string; helm?: HelmSource }) => {
    const renderer = autoRenderer(files, entry.root);
    return {
      name: entry.name,
      path: entry.root,
      renderer,
      failOn: "error" as const,
      kubernetesVersion: config.kubernetesVersion ?? null,
      progressive: progressiveNames.has(path.posix.basename(entry.name)),
      ...(renderer === "helm" && entry.helm !== undefined ? { helm: entry.helm } : {}),
    };
  });
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
    .filter((file) => (kustomizationNames as readonly string[]).includes(path.posix.basename(file.repoPath)))
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

/** Names are the folder names; where two would clash, the whole path. */
function nameRoots(roots: readonly string[]): { name: string; root: string }[] {
  const base = (root: string): string => (root === "." ? "default" : path.posix.basename(root));
  const counts = new Map<string, number>();
  for (const root of roots) counts.set(base(root), (counts.get(base(root)) ?? 0) + 1);
  return roots.map((root) => ({ name: (counts.get(base(root)) ?? 0) > 1 ? root : base(root), root }));
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
