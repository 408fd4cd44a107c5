// Finds the repository's files: `git ls-files` inside a work tree, else a glob walk; both honour .gitignore and
// `exclude`. A snapshot (a commit or the index written out) holds tracked files only: every one of them is listed,
// also those .gitignore matches (force-added files), which git itself would commit.
import { readFile } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { WorkTree } from "../git/git.js";
import { runTool } from "../subprocess.js";

export interface Discovery {
  /** Absolute path of DIR. */
  root: string;
  /** Prefix that turns a DIR-relative path into a report path ("" or "sub/dir/"). */
  reportPrefix: string;
  /** DIR-relative POSIX paths, sorted. */
  files: string[];
}

/** DIR's files before `exclude`, and their report prefix. */
export interface Listing {
  files: string[];
  reportPrefix: string;
}

/**
 * Lists DIR's files: asked of git when `place` (where DIR is in git) is known, else walked; a snapshot is walked.
 * Apart from discoverFiles so that a load can ask git first and read its configuration (its `exclude`) meanwhile.
 */
export async function listFiles(root: string, snapshotPrefix: string | null, place: WorkTree | null): Promise<Listing> {
  const fromGit = snapshotPrefix === null && place !== null ? await gitFiles(root, place.prefix) : null;
  if (fromGit !== null) return { files: fromGit.files, reportPrefix: snapshotPrefix ?? fromGit.prefix };
  return { files: await walkFiles(root, snapshotPrefix === null), reportPrefix: snapshotPrefix ?? "" };
}

/** The listed files without the excluded ones, sorted. */
export function discoverFiles(root: string, exclude: readonly string[], listing: Listing): Discovery {
  // without patterns nothing is excluded: asking `ignore` of every path costs ~10 µs each
  const excluded = exclude.length === 0 ? null : ignore().add([...exclude]);
  const files = (excluded === null ? listing.files : listing.files.filter((file) => !excluded.ignores(file))).sort();
  return { root, reportPrefix: listing.reportPrefix, files };
}

async function gitFiles(root: string, prefix: string): Promise<{ files: string[]; prefix: string } | null> {
  const listed = await runTool("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"], { cwd: root });
  if (listed.spawnError !== null || listed.code !== 0) return null;
  const files = listed.stdout.split("\0").filter((file) => file !== "");
  return { files, prefix };
}

/** Every file except .git and node_modules; outside a work tree filtered by the .gitignore files found. */
async function walkFiles(root: string, honourGitignore: boolean): Promise<string[]> {
  // symbolic links are listed too (not followed): the loader reads them, or reports why it cannot
  // loaded on first use: a work tree's files are listed by git, and a check that never walks never pays for it
  const { default: fg } = await import("fast-glob");
  const entries = await fg("**/*", {
    cwd: root,
    dot: true,
    onlyFiles: false,
    markDirectories: true,
    followSymbolicLinks: false,
    ignore: ["**/.git/**", "**/node_modules/**"],
  });
  const all = entries.filter((entry) => !entry.endsWith("/"));
  const ignoreFiles = honourGitignore ? all.filter((file) => path.posix.basename(file) === ".gitignore") : [];
  if (ignoreFiles.length === 0) return all;
  const rules: { base: string; matcher: Ignore }[] = [];
  for (const file of ignoreFiles) {
    const text = await readFile(path.join(root, file), "utf8");
    const base = path.posix.dirname(file);
    rules.push({ base: base === "." ? "" : base + "/", matcher: ignore().add(text) });
  }
  return all.filter(
    (file) => !rules.some(({ base, matcher }) => file.startsWith(base) && matcher.ignores(file.slice(base.length))),
  );
}
