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
  const where = source.url === null ? "" : ` ${source.url}`;
  if (source.pinned !== null) return { local: false, reason: `${source.pinned} of${where || " its repository"}` };
  const revision = source.revision ?? "";
  if (!repo.revisions.has(revision)) return { local: false, reason: `revision ${revision} of${where || " its repository"}` };
  if (repo.urls.size > 0 && source.url !== null && !repo.urls.has(normalizeGitUrl(source.url))) return { local: false, reason: `another repository (${source.url})` };
  const folder = treePath(source.path, repo.prefix);
  if (folder === null) return { local: false, reason: `path ${source.path}, outside the checked folder` };
  if (!folders.has(folder)) return { local: false, reason: `path ${source.path}${where ? ` of${where}` : ""}, which is not a folder of this tree` };
  if (folder === "." && repo.urls.size === 0 && source.url !== null) return { local: false, reason: `the root of ${source.url}, which cannot be told from this repository without an origin remote` };
  return { local: true, path: folder };
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
