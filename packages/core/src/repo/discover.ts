// Finds the repository's files: `git ls-files` inside a work tree, else a glob walk; both honour .gitignore and
// `exclude`. A snapshot (a commit or the index written out) holds tracked files only: every one of them is listed,
// also those .gitignore matches (force-added files), which git itself would commit.
import { readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import { runTool } from "../subprocess.js";

export interface Discovery {
  /** Absolute path of DIR. */
  root: string;
  /** Prefix that turns a DIR-relative path into a report path ("" or "sub/dir/"). */
  reportPrefix: string;
  /** DIR-relative POSIX paths, sorted. */
  files: string[];
}

export async function discoverFiles(root: string, exclude: readonly string[], snapshotPrefix: string | null = null): Promise<Discovery> {
  const fromGit = snapshotPrefix === null ? await gitFiles(root) : null;
  const listed = fromGit?.files ?? (await walkFiles(root, snapshotPrefix === null));
  // without patterns nothing is excluded: asking `ignore` of every path costs ~10 µs each
  const excluded = exclude.length === 0 ? null : ignore().add([...exclude]);
  const files = (excluded === null ? listed : listed.filter((file) => !excluded.ignores(file))).sort();
  return { root, reportPrefix: snapshotPrefix ?? fromGit?.prefix ?? "", files };
}

async function gitFiles(root: string): Promise<{ files: string[]; prefix: string } | null> {
  const [prefix, listed] = await Promise.all([
    runTool("git", ["rev-parse", "--show-prefix"], { cwd: root, timeoutMs: 30_000 }),
    runTool("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"], { cwd: root }),
  ]);
  if (prefix.code !== 0 || listed.code !== 0) return null;
  const files = listed.stdout.split("\0").filter((file) => file !== "");
  return { files, prefix: prefix.stdout.trim() };
}

/** Every file except .git and node_modules; outside a work tree filtered by the .gitignore files found. */
async function walkFiles(root: string, honourGitignore: boolean): Promise<string[]> {
  // symbolic links are listed too (not followed): the loader reads them, or reports why it cannot
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
