// A tool's version, asked once per installed binary: the answer is cached by the binary's path, size and mtime,
// so the pre-commit hook does not pay `kubectl version` (a tenth of a second) on every commit.
import { createHash } from "node:crypto";
import { accessSync, constants, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { writeAtomically } from "../fs-atomic.js";
import { cacheRoot } from "../schemas/cache.js";
import { runTool } from "../subprocess.js";

/** The executable PATH would run for `command`, or null when there is none. */
export function resolveOnPath(command: string, environment: NodeJS.ProcessEnv = process.env): string | null {
  const extensions = process.platform === "win32" ? (environment["PATHEXT"] ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const folder of (environment["PATH"] ?? "").split(path.delimiter)) {
    if (folder === "") continue;
    for (const extension of extensions) {
      const candidate = path.join(folder, command + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * The version `command args` prints (the first capture of `pattern`), or null when the tool is not on PATH or
 * its output has no version. Only successful answers are cached.
 */
export async function toolVersion(command: string, args: readonly string[], pattern: RegExp): Promise<{ found: boolean; version: string | null }> {
  const binary = resolveOnPath(command);
  if (binary === null) return { found: false, version: null };
  const file = cacheFile(binary, command, args);
  if (file !== null) {
    try {
      const cached = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
      if (typeof cached.version === "string") return { found: true, version: cached.version };
    } catch {
      // not cached yet, or unreadable: ask the tool
    }
  }
  const run = await runTool(command, args, { timeoutMs: 30_000 });
  if (run.code !== 0) return { found: false, version: null };
  const version = pattern.exec(run.stdout)?.[1] ?? null;
  if (version !== null && file !== null) {
    try {
      writeAtomically(file, JSON.stringify({ command, args, binary, version }));
    } catch {
      // a read-only cache only costs the next run the same question
    }
  }
  return { found: true, version };
}

function cacheFile(binary: string, command: string, args: readonly string[]): string | null {
  try {
    const real = realpathSync(binary);
    const info = statSync(real);
    const key = createHash("sha256").update(JSON.stringify([command, args, real, info.size, info.mtimeMs])).digest("hex").slice(0, 32);
    return path.join(cacheRoot(), "tools", `${command}-${key}.json`);
  } catch {
    return null;
  }
}
