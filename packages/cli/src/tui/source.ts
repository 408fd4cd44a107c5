// A finding's file as the review reads and edits it: its place on disk, its lines, and its path inside DIR.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Finding paths are relative to the git top-level when DIR is inside a work tree, else to DIR (CONTRACTS.md):
 * try DIR, then each folder above it, and keep the first existing file that lies inside DIR.
 */
export function sourcePath(root: string, file: string): string | null {
  let folder = root;
  for (;;) {
    const candidate = path.resolve(folder, file);
    const inside = path.relative(root, candidate);
    if (!inside.startsWith("..") && !path.isAbsolute(inside) && existsSync(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

/** The file's path relative to DIR, POSIX: what a waiver's `file` glob is written against. */
export function repoPath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join("/");
}

/** A reader that keeps each file's lines for the life of one gate result. */
export function lineReader(root: string): (file: string) => string[] | null {
  const cache = new Map<string, string[] | null>();
  return (file) => {
    if (!cache.has(file)) {
      const absolute = sourcePath(root, file);
      cache.set(file, absolute === null ? null : readLines(absolute));
    }
    return cache.get(file) ?? null;
  };
}

function readLines(absolute: string): string[] | null {
  try {
    return readFileSync(absolute, "utf8").split(/\r?\n/);
  } catch {
    return null;
  }
}
