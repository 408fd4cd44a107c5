// Compiled validators kept across runs: ajv's standalone code of each validator, stored under
// $XDG_CACHE_HOME/mergegate/validators keyed by its schema's content, so a later check loads what an earlier one
// compiled instead of compiling it again (compiling a Deployment's schema costs ~0.25 s, loading it ~10 ms).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
// a CommonJS module: its default export is module.exports, whose `default` is the function in every loader
import standaloneCode from "ajv/dist/standalone/index.js";
import { writeAtomically } from "../fs-atomic.js";
import { version } from "../version.js";
import { cacheRoot } from "./cache.js";

const require = createRequire(import.meta.url);

/** What standalone code may require: ajv's run-time helpers, and the formats the validators were compiled with. */
export const formatsModule = "mergegate:formats";
const runtime: Record<string, unknown> = {
  "ajv/dist/runtime/equal": require("ajv/dist/runtime/equal"),
  "ajv/dist/runtime/ucs2length": require("ajv/dist/runtime/ucs2length"),
  "ajv/dist/runtime/uri": require("ajv/dist/runtime/uri"),
  "ajv/dist/runtime/validation_error": require("ajv/dist/runtime/validation_error"),
};

/** Bumped when the ajv options or the formats change what a stored validator does. */
const entryFormat = 1;

/** The cache file of a validator: a hash of the schema, the documents it references and this version of mergegate. */
export function validatorEntry(parts: readonly string[]): string {
  const hash = createHash("sha256").update(`${entryFormat}\u0000${version}`);
  for (const part of parts) hash.update(`\u0000${part}`);
  return path.join(cacheRoot(), "validators", `${hash.digest("hex")}.cjs`);
}

/** The stored validator, or null (absent, unreadable or not loadable: compiled again). */
export function readValidator(file: string, formats: Record<string, unknown>): ValidateFunction | null {
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const module: { exports: unknown } = { exports: {} };
    const load = (id: string): unknown => {
      if (id === formatsModule) return formats;
      if (id in runtime) return runtime[id];
      throw new Error(`a stored validator requires ${id}`);
    };
    new Function("require", "module", "exports", code)(load, module, module.exports);
    return typeof module.exports === "function" ? (module.exports as ValidateFunction) : null;
  } catch {
    return null;
  }
}

/** Stores a validator's standalone code; a cache that cannot be written is not an error. */
export function writeValidator(file: string, ajv: Ajv, validate: ValidateFunction): void {
  try {
    writeAtomically(file, standaloneCode.default(ajv, validate));
  } catch {
    // the next run compiles again
  }
}
