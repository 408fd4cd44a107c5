// A tree made of another tree's loaded files with the paths that differ read out of git (the index, or a commit):
// how --staged and --base see the index and the base without checking anything out. Only what a render or a check
// reads from disk — the inputs of the environments rendered, and the shared inputs — is written to a temporary folder.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ignore from "ignore";
import { parseConfig, type Config } from "../config/config.js";
import { chartTemplateFilter, isYamlPath, maxFileBytes, parseSource, type LoadedRepo, type SkippedFile } from "../repo/load.js";
import { isSharedInput } from "../render/affected.js";
import { environmentInputs, touches } from "../render/inputs.js";
import { sameEnvironments } from "../render/same-environments.js";
import { treeOf, type LoadedTree } from "../render/render-repo.js";
import { makeTempFolder, removeTempFolder } from "../temp-folders.js";
import type { Environment, SourceFile } from "../types.js";

export interface OverlayTree {
  tree: LoadedTree;
  /**
   * Writes what the checks read (the shared inputs) and the named environments' folders into the tree's folder; the
   * tree's `materialize` writes an environment's inputs when its build runs.
   */
  prepare(environments: ReadonlySet<string>): void;
  remove(): Promise<void>;
}

export interface OverlayOptions {
  /** DIR, as the user named it. */
  dir: string;
  /** `--base REF` (see gitops/this-repository.ts). */
  baseRef: string | null;
  /** `--config FILE` (read from disk), else the tree's own mergegate.yaml. */
  configFile: string | null;
  envs: readonly string[];
  allowRemote: boolean;
  isBase: boolean;
}

/**
 * `from` with each DIR-relative path of `replaced` set to its content there (null: the path is absent). With
 * nothing replaced, the tree is `from` itself, read in place. The files `from` has and `replaced` does not name are
 * shared, not parsed again.
 */
export async function overlayTree(from: LoadedTree, replaced: ReadonlyMap<string, Buffer | null>, options: OverlayOptions): Promise<OverlayTree> {
  if (replaced.size === 0) return { tree: from, prepare: () => undefined, remove: async () => undefined };
  const folder = makeTempFolder("tree");
  const root = path.join(folder, "tree");
  mkdirSync(root);
  const configText = options.configFile === null && replaced.has("mergegate.yaml") ? replaced.get("mergegate.yaml") : undefined;
  const config: Config = configText === undefined ? from.config : configText === null ? { version: 1 } : parseConfig(configText.toString("utf8"), `${from.repo.reportPrefix}mergegate.yaml`);
  const repo = overlayRepo(from.repo, root, replaced, config);
  // the environments of `from` when the replaced files cannot change them; else resolved with the same repository,
  // and the same --base, as the tree it is made from
  const tree = config === from.config && sameEnvironments(from.repo.files, repo.files, replaced.keys()) ? { ...from, root, config, repo } : treeOf(root, config, repo, options, from.repository);
  const written = new Set<string>();
  const write = (repoPath: string): void => {
    if (written.has(repoPath)) return;
    written.add(repoPath);
    const target = path.join(root, repoPath);
    mkdirSync(path.dirname(target), { recursive: true });
    const own = replaced.get(repoPath);
    if (own !== undefined && own !== null) writeFileSync(target, own);
    else if (own === undefined && existsSync(path.join(from.root, repoPath))) copyFileSync(path.join(from.root, repoPath), target);
    else {
      const file = repo.files.get(repoPath);
      if (file !== undefined) writeFileSync(target, file.text);
    }
  };
  const paths = [...repo.files.keys(), ...repo.skipped.map((file) => file.repoPath)];
  const prepare = (names: ReadonlySet<string>): void => {
    for (const repoPath of paths) if (isSharedInput(repoPath, config, [])) write(repoPath);
    // every environment whose folder the tree has exists in it (an absent folder renders as "absent")
    for (const env of tree.environments.filter((candidate) => names.has(candidate.name))) {
      const inside = env.path === "." ? "" : `${env.path}/`;
      if (paths.some((repoPath) => repoPath.startsWith(inside))) mkdirSync(path.join(root, env.path), { recursive: true });
    }
  };
  // plain environments render from the loaded files: only a kustomize or helm build reads its inputs from the
  // folder, and only a build the render cache does not answer
  const materialized = new Set<string>();
  const materialize = (env: Environment): void => {
    if (env.renderer === "plain" || materialized.has(env.name)) return;
    materialized.add(env.name);
    const inputs = environmentInputs(env, repo.files);
    for (const repoPath of paths) if (touches(inputs, repoPath)) write(repoPath);
  };
  return { tree: { ...tree, materialize }, prepare, remove: () => removeTempFolder(folder) };
}

/** The loaded files of `from` with the replaced paths loaded from their new content (or dropped). */
function overlayRepo(from: LoadedRepo, root: string, replaced: ReadonlyMap<string, Buffer | null>, config: Config): LoadedRepo {
  const files = new Map<string, SourceFile>(from.files);
  const replacedPaths = new Set(replaced.keys());
  const skipped: SkippedFile[] = from.skipped.filter((file) => !replacedPaths.has(file.repoPath));
  const excluded = ignore().add([...(config.exclude ?? [])]);
  const allPaths = [...new Set([...files.keys(), ...skipped.map((file) => file.repoPath), ...replacedPaths])];
  const inChartTemplates = chartTemplateFilter(allPaths);
  // `from` lists its files in path order; a replaced file keeps its place, only a path `from` lacks calls for a sort
  let added = false;
  for (const [repoPath, content] of replaced) {
    const loaded = content === null || excluded.ignores(repoPath) ? null : loadedContent(from.reportPrefix, root, repoPath, content, isYamlPath(repoPath) && !inChartTemplates(repoPath));
    if (loaded === null || "reason" in loaded) {
      files.delete(repoPath);
      if (loaded !== null) skipped.push(loaded);
      continue;
    }
    added ||= !files.has(repoPath);
    files.set(repoPath, loaded);
  }
  return { root, reportPrefix: from.reportPrefix, files: added ? new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : files, skipped };
}

/** A replaced path's content loaded, or why it is skipped. */
function loadedContent(reportPrefix: string, root: string, repoPath: string, content: Buffer, parse: boolean): SourceFile | SkippedFile {
  const reportPath = reportPrefix + repoPath;
  if (content.length > maxFileBytes) return { path: reportPath, repoPath, reason: "oversize", bytes: content.length };
  if (content.subarray(0, 8000).includes(0)) return { path: reportPath, repoPath, reason: "binary", bytes: content.length };
  return parseSource(reportPath, repoPath, path.join(root, repoPath), content.toString("utf8"), parse);
}
