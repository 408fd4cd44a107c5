// Whether a GitOps source is this repository at the checked revision, and which folder of the tree it names.
import path from "node:path";
import { normalizeGitUrl, type ThisRepository } from "./this-repository.js";

export type SourceDecision = { local: true; path: string } | { local: false; reason: string };

export interface GitSource {
  url: string | null;
  /** A branch (or Argo CD targetRevision) — null or "" for the default. */
  revision: string | null;
  /** A tag, semver range or commit: never the checked tree. */
  pinned: string | null;
  /** The path inside the source, relative to its root (the git top-level). */
  path: string;
}

/**
 * The rule: a pinned revision is foreign; a branch must be one of the repository's revisions; the URL must be one of
 * this repository's (when any is known); the path must be a folder of the checked tree. Without any known URL the
 * repository root is never assumed to be this one (a foreign `path: ./` would otherwise render the whole tree).
 */
export function decideGitSource(source: GitSource, repo: ThisRepository, folders: ReadonlySet<string>): SourceDecision {
  const foreign = foreignRepository(source, repo);
  if (foreign !== null) return { local: false, reason: foreign };
  const where = source.url === null ? "" : ` of ${source.url}`;
  const folder = treePath(source.path, repo.prefix);
  if (folder === null) return { local: false, reason: `path ${source.path}, outside the checked folder` };
  if (!folders.has(folder)) return { local: false, reason: `path ${source.path}${where}, which is not a folder of this tree` };
  if (folder === "." && repo.urls.size === 0 && source.url !== null) return { local: false, reason: `the root of ${source.url}, which cannot be told from this repository without an origin remote` };
  return { local: true, path: folder };
}

/** Why a repository and revision are not the checked tree, or null when they are (paths aside). */
export function foreignRepository(source: Omit<GitSource, "path">, repo: ThisRepository): string | null {
  const where = source.url === null ? " its repository" : ` ${source.url}`;
  if (source.pinned !== null) return `${source.pinned} of${where}`;
  const revision = source.revision ?? "";
  if (!repo.revisions.has(revision)) return `revision ${revision} of${where}`;
  if (repo.urls.size > 0 && source.url !== null && !repo.urls.has(normalizeGitUrl(source.url))) return `another repository (${source.url})`;
  return null;
}

/** A path relative to the git top-level as a DIR-relative folder; null when it is outside DIR or leaves the repo. */
export function treePath(raw: string, prefix: string): string | null {
  const normalized = path.posix.normalize(raw.replace(/\\/g, "/").replace(/^\/+/, "")).replace(/\/$/, "");
  const top = normalized === "" ? "." : normalized;
  if (top === ".." || top.startsWith("../")) return null;
  if (prefix === "") return top;
  const dir = prefix.replace(/\/$/, "");
  if (top === dir) return ".";
  return top.startsWith(dir + "/") ? top.slice(dir.length + 1) : null;
}
