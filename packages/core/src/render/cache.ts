// The render cache: successful renders stored under $XDG_CACHE_HOME/mergegate/renders, keyed by a hash of every input.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeAtomically } from "../fs-atomic.js";
import { cacheRoot } from "../schemas/cache.js";
import type { SkippedFile } from "../repo/load.js";
import type { Environment, Resource, SourceFile } from "../types.js";
import { version } from "../version.js";
import { inputFiles, touches, type RenderInputs } from "./inputs.js";

/** Bumped whenever what a cache entry holds changes shape. */
const entryFormat = 1;

export interface CacheKeyParts {
  env: Environment;
  inputs: RenderInputs;
  files: ReadonlyMap<string, SourceFile>;
  /** Files the loader skipped (binary, oversize) are inputs too: they are hashed from disk. */
  skipped: readonly SkippedFile[];
  repoRoot: string;
  /** The renderer and its version, e.g. "kubectl kustomize v5.5.0". */
  tool: string;
  allowRemote: boolean;
  /** What else shapes the build besides the files (a controller's overlay, build flags). */
  variant?: string;
}

/** `MERGEGATE_RENDER_CACHE=off` turns the cache off (for measuring). */
export function renderCacheEnabled(): boolean {
  return process.env["MERGEGATE_RENDER_CACHE"] !== "off";
}

export function renderCacheKey(parts: CacheKeyParts): string {
  const hash = createHash("sha256");
  const field = (text: string): void => {
    hash.update(text);
    hash.update("\u0000");
  };
  for (const text of [String(entryFormat), version, parts.tool, String(parts.allowRemote), parts.env.name, parts.env.path, parts.env.renderer, parts.variant ?? ""]) field(text);
  for (const file of inputFiles(parts.inputs, parts.files)) {
    field(file.repoPath);
    field(createHash("sha256").update(file.text).digest("hex"));
  }
  for (const file of parts.skipped.filter((skipped) => touches(parts.inputs, skipped.repoPath))) {
    field(file.repoPath);
    field(diskHash(path.join(parts.repoRoot, file.repoPath)));
  }
  return hash.digest("hex");
}

function diskHash(file: string): string {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return `unreadable ${randomBytes(8).toString("hex")}`;
  }
}

function entryPath(key: string): string {
  return path.join(cacheRoot(), "renders", key.slice(0, 2), `${key}.json`);
}

/** The cached resources, or null on a miss (an unreadable or malformed entry is a miss). */
export function readCachedRender(key: string): Resource[] | null {
  try {
    const entry: unknown = JSON.parse(readFileSync(entryPath(key), "utf8"));
    if (typeof entry !== "object" || entry === null || (entry as { format?: unknown }).format !== entryFormat) return null;
    const resources = (entry as { resources?: unknown }).resources;
    return Array.isArray(resources) ? (resources as Resource[]) : null;
  } catch {
    return null;
  }
}

/** Writes an entry atomically; a cache that cannot be written is not an error. */
export function writeCachedRender(key: string, resources: readonly Resource[]): void {
  try {
    writeAtomically(entryPath(key), JSON.stringify({ format: entryFormat, resources }));
  } catch {
    // the next run renders again
  }
}
