// Git, read-only: where the work tree is, the merge-base, and which paths differ between the work tree, the index
// and a commit — never touching the user's work tree, index, stash or worktree list (objects.ts reads contents).
import path from "node:path";
import { GateError } from "../errors.js";
import { runTool } from "../subprocess.js";
import { makeTempFolder, removeTempFolder } from "../temp-folders.js";

async function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const run = await runTool("git", args, { cwd, env: env === undefined ? undefined : { ...process.env, ...env } });
  if (run.spawnError !== null) throw new GateError(`cannot run git: ${run.spawnError.message}`);
  if (run.code !== 0) throw new GitError(args, run.stderr.trim() || run.stdout.trim());
  return run.stdout;
}

class GitError extends Error {
  constructor(readonly args: string[], readonly stderr: string) {
    super(`git ${args.join(" ")}: ${stderr.split("\n")[0] ?? ""}`);
  }
}

export interface WorkTree {
  /** Absolute path of the git top-level. */
  top: string;
  /** DIR relative to the top-level, "" or "sub/dir/". */
  prefix: string;
}

const heads = new WeakMap<WorkTree, Promise<string | null>>();

/**
 * Where DIR is in git (its top-level, and DIR's prefix there), or null outside a work tree or without git. One
 * question also answers HEAD's commit (headCommit): `--verify --quiet` fails alone, with status 1, before the first
 * commit.
 */
export async function gitPlaceOf(dir: string): Promise<WorkTree | null> {
  return (await askPlace(dir)).tree;
}

/** The work tree DIR belongs to; a gate error when it is not in one. */
export async function workTreeOf(dir: string, why: string): Promise<WorkTree> {
  const { tree, spawnError } = await askPlace(dir);
  if (spawnError !== null) throw new GateError(`cannot run git: ${spawnError.message}`);
  if (tree === null) throw new GateError(`${why} needs DIR inside a git work tree`, dir);
  return tree;
}

async function askPlace(dir: string): Promise<{ tree: WorkTree | null; spawnError: Error | null }> {
  const run = await runTool("git", ["rev-parse", "--show-toplevel", "--show-prefix", "--verify", "--quiet", "HEAD^{commit}"], { cwd: dir, timeoutMs: 30_000 });
  const [top = "", prefix = "", head = ""] = run.stdout.split("\n");
  if (run.spawnError !== null || (run.code !== 0 && run.code !== 1) || top === "") return { tree: null, spawnError: run.spawnError };
  const tree = { top, prefix };
  heads.set(tree, Promise.resolve(run.code === 0 && head !== "" ? head : null));
  return { tree, spawnError: null };
}

/** HEAD's commit (null before the first commit), asked of git once per work tree of a run. */
export function headCommit(tree: WorkTree): Promise<string | null> {
  let head = heads.get(tree);
  if (head === undefined) {
    head = git(tree.top, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).then(
      (text) => text.trim(),
      () => null,
    );
    heads.set(tree, head);
  }
  return head;
}

/** The merge-base of REF and HEAD; a gate error telling what to fetch when history is missing. */
export async function mergeBase(tree: WorkTree, ref: string): Promise<string> {
  const shallow = (await git(tree.top, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
  const hint = shallow
    ? " — this is a shallow clone: fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
    : " — fetch it first (e.g. `git fetch origin`)";
  try {
    await git(tree.top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new GateError(`base ref "${ref}" not found${hint}`);
  }
  try {
    return (await git(tree.top, ["merge-base", ref, "HEAD"])).trim();
  } catch {
    throw new GateError(`no merge-base between "${ref}" and HEAD${hint}`);
  }
}

const changesOfTrees = new WeakMap<WorkTree, Promise<{ modified: string[]; untracked: string[] }>>();

/**
 * Top-level-relative paths where the work tree differs from the index: tracked files modified or deleted there
 * (`modified`) and files git does not track (`untracked`, ignored ones left out). Asked of git once per work tree of
 * a run (the gate asks early, the index tree reads the answer).
 */
export function workTreeChanges(tree: WorkTree): Promise<{ modified: string[]; untracked: string[] }> {
  let changes = changesOfTrees.get(tree);
  if (changes === undefined) {
    const list = (text: string): string[] => text.split("\0").filter((file) => file !== "");
    changes = Promise.all([
      git(tree.top, ["-c", "core.quotepath=false", "diff", "--name-only", "-z", "--no-renames", "--", "."]),
      git(tree.top, ["ls-files", "-z", "--others", "--exclude-standard"]),
    ]).then(([modified, untracked]) => ({ modified: list(modified), untracked: list(untracked) }));
    changesOfTrees.set(tree, changes);
  }
  return changes;
}

/**
 * Lines changed since a commit, per top-level-relative file: against the work tree (untracked files count
 * as wholly added), or against the index with `staged`. A file mapped to "all" is new.
 */
export async function changedLines(tree: WorkTree, commit: string, staged: boolean): Promise<Map<string, Set<number> | "all">> {
  const args = ["-c", "core.quotepath=false", "diff", "--no-color", "--no-ext-diff", "--unified=0", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", ...(staged ? ["--cached"] : []), commit, "--", "."];
  const changes = new Map<string, Set<number> | "all">();
  let file: string | null = null;
  for (const line of (await git(tree.top, args)).split("\n")) {
    if (line.startsWith("+++ ")) {
      file = line === "+++ /dev/null" ? null : line.slice(6);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk === null || file === null) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    const lines = changes.get(file);
    const set = lines instanceof Set ? lines : new Set<number>();
    for (let offset = 0; offset < count; offset++) set.add(start + offset);
    if (lines !== "all") changes.set(file, set);
  }
  if (!staged) {
    const untracked = await git(tree.top, ["ls-files", "-z", "--others", "--exclude-standard"]);
    for (const path of untracked.split("\0")) if (path !== "") changes.set(path, "all");
  }
  return changes;
}

/**
 * Top-level-relative paths that differ from a commit — added, modified, deleted, and both sides of a rename —
 * against the work tree (untracked files included) or, with `staged`, against the index.
 */
export async function changedPaths(tree: WorkTree, commit: string, staged: boolean): Promise<string[]> {
  const listed = await git(tree.top, ["-c", "core.quotepath=false", "diff", "--name-only", "-z", "--no-renames", ...(staged ? ["--cached"] : []), commit, "--", "."]);
  const paths = new Set(listed.split("\0").filter((file) => file !== ""));
  if (!staged) {
    const untracked = await git(tree.top, ["ls-files", "-z", "--others", "--exclude-standard"]);
    for (const file of untracked.split("\0")) if (file !== "") paths.add(file);
  }
  return [...paths].sort();
}

export interface Snapshot {
  /** Absolute path of the snapshot's top-level folder. */
  root: string;
  remove(): Promise<void>;
}

/**
 * Writes the files of a commit into a temporary folder, through a temporary index: the trusted revision whose
 * configuration and policies pull_request_target runs (the only check that reads a whole commit from disk).
 */
export async function snapshotCommit(tree: WorkTree, commit: string): Promise<Snapshot> {
  const folder = makeTempFolder("base");
  const index = path.join(folder, "index");
  const root = path.join(folder, "tree");
  const env = { GIT_INDEX_FILE: index };
  try {
    await git(tree.top, ["read-tree", commit], env);
    await git(tree.top, ["checkout-index", "--all", "--force", `--prefix=${root}/`], env);
  } catch (error) {
    await removeTempFolder(folder);
    throw error instanceof GitError ? new GateError(`cannot read commit ${commit.slice(0, 12)}: ${error.stderr}`) : error;
  }
  return { root, remove: () => removeTempFolder(folder) };
}
