// Compiles a folder of Rego into an OPA-Wasm bundle with the `opa` binary, cached by content hash.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface BuildOptions {
  /** Entrypoints as `opa build -e` takes them ("example/allow"). */
  entrypoints: string[];
  /** Cache folder; defaults to $XDG_CACHE_HOME/mergegate or ~/.cache/mergegate. */
  cacheDir?: string;
  /** The opa executable; defaults to `opa` found on PATH. */
  opaPath?: string;
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "mergegate");
}

/** The path of `opa` on PATH, or undefined. */
export function findOpa(): string | undefined {
  const names = process.platform === "win32" ? ["opa.exe", "opa"] : ["opa"];
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of names) if (folder && existsSync(join(folder, name))) return join(folder, name);
  }
  return undefined;
}

async function policyFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(rego|json|ya?ml)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Hash of the folder's policy and data files, the entrypoints and the opa version. */
async function contentHash(directory: string, entrypoints: string[], opaVersion: string): Promise<string> {
  const hash = createHash("sha256").update(opaVersion).update(JSON.stringify([...entrypoints].sort()));
  for (const file of await policyFiles(directory)) hash.update(relative(directory, file)).update("\0").update(await readFile(file)).update("\0");
  return hash.digest("hex");
}

/** Builds (or reuses from the cache) bundle.tar.gz for a folder; throws when `opa` is not available. */
export async function buildBundle(directory: string, options: BuildOptions): Promise<string> {
  const opa = options.opaPath ?? findOpa();
  if (!opa) throw new Error("cannot build a Wasm bundle: the `opa` binary is not on PATH");
  const { stdout: version } = await run(opa, ["version"]);
  const cacheDir = join(options.cacheDir ?? defaultCacheDir(), "bundles");
  const output = join(cacheDir, `${await contentHash(directory, options.entrypoints, version)}.tar.gz`);
  if (existsSync(output)) return output;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${output}.${process.pid}.partial`;
  await run(opa, ["build", "-t", "wasm", ...options.entrypoints.flatMap((entrypoint) => ["-e", entrypoint]), "-o", partial, directory]);
  await rename(partial, output);
  return output;
}
