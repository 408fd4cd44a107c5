// One tree (the work tree, the index or a base commit) from folder to Render: config, load, environments, render.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { loadConfig, type Config } from "../config/config.js";
import { GateError } from "../errors.js";
import { gitPlaceOf, type WorkTree } from "../git/git.js";
import { listFiles } from "../repo/discover.js";
import { loadRepo, type LoadedRepo } from "../repo/load.js";
import type { Environment, EnvironmentRender, Render, RenderProblem } from "../types.js";
import { resolveTree } from "./environments.js";
import { thisRepository, unknownRepository, type ThisRepository } from "./gitops/this-repository.js";
import { renderEnvironments, type BuildHelp } from "./render.js";

export interface RepoRenderOptions {
  /** DIR, as the user named it (for messages). */
  dir: string;
  /** The folder to read: DIR itself, or DIR inside a snapshot. */
  root: string;
  /** `--config FILE`, else the tree's own mergegate.yaml. */
  configFile: string | null;
  /** The folder whose mergegate.yaml applies when there is no configFile; default root (pull_request_target: the base's). */
  configRoot?: string;
  envs: readonly string[];
  allowRemote: boolean;
  /** For snapshots: the report-path prefix of DIR (its place in the git top-level). */
  reportPrefix?: string;
  /** A base tree: `--env` names it lacks are skipped, and environments whose folder is absent render empty. */
  isBase?: boolean;
  /** `--base REF`: its branch also names this repository's revision (see gitops/this-repository.ts). */
  baseRef?: string | null;
  /** Where DIR is in git (null: not in a work tree), when the caller knows it already; else asked. */
  place?: WorkTree | null;
}

/** A tree loaded and its environments resolved, not rendered yet. */
export interface LoadedTree {
  root: string;
  config: Config;
  repo: LoadedRepo;
  environments: Environment[];
  /** Repository-level render notes (foreign sources, uncovered folders). */
  notes: RenderProblem[];
  allowRemote: boolean;
  /** This repository's URL and revisions, as the environments were resolved with (trees of one run share it). */
  repository: ThisRepository;
  /** For a tree in a temporary folder: writes what an environment's build reads there, before the build runs. */
  materialize?: (env: Environment) => void;
}

export interface RepoRender {
  root: string;
  config: Config;
  repo: LoadedRepo;
  render: Render;
  kustomizeVersion: string | null;
}

export async function renderRepo(options: RepoRenderOptions): Promise<RepoRender> {
  return renderTree(await loadTree(options), null);
}

export async function loadTree(options: RepoRenderOptions): Promise<LoadedTree> {
  const root = path.resolve(options.root);
  if (!existsSync(root)) {
    if (options.isBase === true) return emptyTree();
    throw new GateError("no such directory", options.dir);
  }
  if (!statSync(root).isDirectory()) throw new GateError("not a directory", options.dir);
  const dir = path.resolve(options.dir);
  // where DIR is in git (a snapshot's files are walked, but DIR names the repository it came from)
  const place = options.place !== undefined ? options.place : await gitPlaceOf(dir);
  // this repository's URL and branches are asked of git while the files load
  const snapshotPrefix = options.reportPrefix ?? null;
  // git lists the files while the configuration (whose `exclude` applies to them) is read
  const listing = listFiles(root, snapshotPrefix, place);
  const repository = thisRepository(dir, place, options.baseRef ?? null);
  for (const question of [listing, repository]) question.catch(() => undefined);
  const { config } = loadConfig(options.configRoot ?? root, options.configFile);
  const repo = await loadRepo(root, config.exclude ?? [], snapshotPrefix, listing);
  return treeOf(root, config, repo, options, await repository);
}

/**
 * A tree from files already loaded (from disk, or read out of git): its environments resolved. A tree made from
 * another one of the same run passes that tree's repository.
 */
export function treeOf(root: string, config: Config, repo: LoadedRepo, options: Pick<RepoRenderOptions, "envs" | "isBase" | "allowRemote">, repository: ThisRepository): LoadedTree {
  const { environments, notes } = resolveTree(config, repo.files, [...repo.files.keys()], {
    only: options.envs,
    ignoreUnknown: options.isBase === true,
    repository,
  });
  return { root, config, repo, environments, notes, allowRemote: options.allowRemote, repository };
}

/** An environment's render in progress, with the kustomize version its batch ran (null: no kustomize build). */
type Rendering = Promise<{ envRender: EnvironmentRender; kustomizeVersion: string | null }>;

/** Each tree's renders, started or done, by environment name: an environment is rendered once per tree. */
const renderings = new WeakMap<LoadedTree, Map<string, Rendering>>();

/** The renderings of the environments, those not started yet started now, side by side. */
function renderingsOf(tree: LoadedTree, environments: readonly Environment[]): Rendering[] {
  let byName = renderings.get(tree);
  if (byName === undefined) renderings.set(tree, (byName = new Map()));
  const fresh = environments.filter((env) => !byName.has(env.name));
  if (fresh.length > 0) {
    const batch = renderEnvironments(fresh, {
      repoRoot: tree.root,
      files: tree.repo.files,
      skipped: tree.repo.skipped,
      allowRemote: tree.allowRemote,
      ...(tree.materialize === undefined ? {} : { materialize: tree.materialize }),
      ...(helped.has(tree) ? { help: helped.get(tree) } : {}),
    });
    fresh.forEach((env, index) => {
      const rendering = batch.then(({ render, kustomizeVersion }) => ({ envRender: render.environments[index] as EnvironmentRender, kustomizeVersion }));
      // a failure is thrown where the render is awaited, never left unhandled by a run that stopped before
      rendering.catch(() => undefined);
      byName.set(env.name, rendering);
    });
  }
  return environments.map((env) => byName.get(env.name) as Rendering);
}

/**
 * What helps a tree's builds, by tree: held apart from the tree, so that the trees made from it (the base is the head
 * with the changed paths replaced) do not borrow origins from themselves nor take the head's early builds.
 */
const helped = new WeakMap<LoadedTree, BuildHelp>();

/** Lets the tree's builds from now on take lent origins and early builds (a head compared with its base). */
export function helpBuilds(tree: LoadedTree, help: BuildHelp): void {
  helped.set(tree, help);
}

/**
 * Starts rendering the named environments, so that their builds run while the caller goes on (reading the base);
 * renderTree then waits for them instead of rendering them again.
 */
export function startRendering(tree: LoadedTree, only: ReadonlySet<string>): void {
  renderingsOf(tree, tree.environments.filter((env) => only.has(env.name)));
}

/** Renders the tree's environments, or only those named in `only`. */
export async function renderTree(tree: LoadedTree, only: ReadonlySet<string> | null): Promise<RepoRender> {
  const environments = only === null ? tree.environments : tree.environments.filter((env) => only.has(env.name));
  const rendered = await Promise.all(renderingsOf(tree, environments));
  const kustomizeVersion = rendered.find((rendering) => rendering.kustomizeVersion !== null)?.kustomizeVersion ?? null;
  const render = { environments: rendered.map((rendering) => rendering.envRender), notes: tree.notes };
  return { root: tree.root, config: tree.config, repo: tree.repo, render, kustomizeVersion };
}

/** A base where DIR did not exist yet (or no commit at all): no environments, so everything in the head is added. */
export function emptyTree(): LoadedTree {
  return { root: "", config: { version: 1 }, repo: { root: "", reportPrefix: "", files: new Map(), skipped: [] }, environments: [], notes: [], allowRemote: false, repository: unknownRepository() };
}
