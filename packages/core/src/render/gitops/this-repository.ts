// "This repository": the origin URL (normalised) and the revisions that mean the tree being checked, so GitOps
// objects pointing elsewhere (another repository, branch, tag or artifact) are told apart from local ones.
import type { WorkTree } from "../../git/git.js";
import { runTool } from "../../subprocess.js";

export interface ThisRepository {
  /** Normalised URLs of this repository: `origin`'s, else the ones the repository's own objects use (see inferUrls). */
  urls: Set<string>;
  /** Whether `urls` comes from the origin remote. */
  fromOrigin: boolean;
  /** Revisions that name the checked tree: "", HEAD, the default branch, the --base branch, the checked-out branch. */
  revisions: Set<string>;
  /** DIR relative to the git top-level ("" or "sub/dir/"): GitOps paths are relative to the top-level. */
  prefix: string;
}

/** Without git or without origin: only the revision names every repository has. */
export function unknownRepository(): ThisRepository {
  return { urls: new Set(), fromOrigin: false, revisions: new Set(["", "HEAD", "main", "master"]), prefix: "" };
}

/** `place`: where DIR is in git (null: not in a work tree). */
export async function thisRepository(dir: string, place: WorkTree | null, baseRef: string | null): Promise<ThisRepository> {
  if (place === null) return unknownRepository();
  const git = async (args: string[]): Promise<string | null> => {
    const run = await runTool("git", args, { cwd: dir });
    return run.spawnError === null && run.code === 0 ? run.stdout.trim() : null;
  };
  const [origin, defaultBranch, branch] = await Promise.all([
    git(["remote", "get-url", "origin"]),
    git(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]),
    git(["rev-parse", "--abbrev-ref", "HEAD"]),
  ]);
  const revisions = new Set(["", "HEAD"]);
  const add = (ref: string | null | undefined): void => {
    if (ref === null || ref === undefined || ref === "") return;
    revisions.add(ref.replace(/^refs\/heads\//, "").replace(/^(refs\/remotes\/)?origin\//, ""));
  };
  add(defaultBranch);
  add(branch);
  add(baseRef);
  // On a pull request or in a merge queue the checkout is a detached merge ref: the runner names both branches.
  add(process.env["GITHUB_BASE_REF"]);
  add(process.env["GITHUB_HEAD_REF"]);
  if (origin === null) for (const name of ["main", "master"]) revisions.add(name);
  return { urls: origin === null ? new Set() : new Set([normalizeGitUrl(origin)]), fromOrigin: origin !== null, revisions, prefix: place.prefix };
}

/** `https://github.com/a/b.git`, `git@github.com:a/b`, `ssh://git@github.com/a/b/` → `github.com/a/b`. */
export function normalizeGitUrl(url: string): string {
  let text = url.trim().replace(/^[a-z+]+:\/\//i, "");
  text = text.replace(/^[^@/]+@/, "");
  text = text.replace(/^([^/:]+):(?!\d+\/)/, "$1/");
  text = text.replace(/^([^/:]+):\d+\//, "$1/");
  text = text.replace(/\/+$/, "").replace(/\.git$/, "");
  const slash = text.indexOf("/");
  return slash === -1 ? text.toLowerCase() : text.slice(0, slash).toLowerCase() + text.slice(slash);
}
