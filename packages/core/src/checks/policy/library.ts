// The built-in library in policies/: its folder, its modules and each rule's METADATA as rule metadata — the
// metadata and the compiled policy kept in the cache per library content, so neither a start (every command lists
// the rules) nor a check parses or compiles Rego.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compiledFormat, compileParsed, parseModule, Policy, type Module, type ModuleSource } from "@mergegate/rego";
import { writeAtomically } from "../../fs-atomic.js";
import { cacheRoot } from "../../schemas/cache.js";
import type { Severity } from "../../types.js";
import { version } from "../../version.js";
import type { RuleMeta } from "../rule.js";

/**
 * policies/ at the project root: the nearest folder above this module that holds it. That is five levels up from
 * packages/core/{src,dist}/checks/policy, one from the root bin bundle and three from the Action's dist/.
 */
export const libraryFolder = findLibrary(path.dirname(fileURLToPath(import.meta.url)));

function findLibrary(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "policies");
    if (existsSync(path.join(candidate, "run_as_non_root.rego"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`mergegate's built-in policy library (policies/) was not found above ${start}`);
  }
}

export interface LibraryRule {
  meta: RuleMeta;
  /** The module's package below data (policies.run_as_non_root). */
  package: string;
  parameters: Record<string, unknown>;
}

let sources: ModuleSource[] | null = null;

/** The library's modules without their tests, read once per process. */
function libraryModules(): ModuleSource[] {
  sources ??= regoFiles(libraryFolder)
    .filter((file) => !file.endsWith("_test.rego"))
    .map((file) => ({ file: path.relative(libraryFolder, file), source: readFileSync(file, "utf8") }));
  return sources;
}

let contentHash: string | null = null;

/** The cache entries' name: this library's content and this version of mergegate. */
function libraryHash(): string {
  if (contentHash === null) {
    const hash = createHash("sha256").update(version);
    for (const module of libraryModules()) hash.update(`\u0000${module.file}\u0000${module.source}`);
    contentHash = hash.digest("hex");
  }
  return contentHash;
}

let parsed: Module[] | null = null;

/** The library's modules parsed once per process, when the rules or the policy are not in the cache. */
function parsedLibrary(): Module[] {
  parsed ??= libraryModules().map((module) => parseModule(module.source, module.file, { regoVersion: "v1" }));
  return parsed;
}

let policy: Policy | null = null;

/**
 * The library compiled, once per process when the policy check first needs it: from the cache entry of this
 * library's content, else compiled and written there. The entry holds V8's serialization of the compiled rule tree,
 * so it is named by the compiled form's format and the V8 version too. A cache that cannot be read or written is not
 * an error.
 */
export function libraryPolicy(): Policy {
  if (policy !== null) return policy;
  const entry = path.join(cacheRoot(), "policy-compiled", `${libraryHash()}-c${compiledFormat}-v8-${process.versions.v8}.bin`);
  try {
    policy = Policy.fromBytes(readFileSync(entry));
  } catch {
    // no entry yet: compile below
  }
  if (policy !== null) return policy;
  policy = compileParsed(parsedLibrary());
  try {
    writeAtomically(entry, policy.toBytes());
  } catch {
    // the next check compiles again
  }
  return policy;
}

function regoFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".rego"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

let rules: LibraryRule[] | null = null;

/**
 * Every module with `# METADATA` custom.id, as a rule: from the cache entry of this library's content (and this
 * version of mergegate), else parsed and written there. A cache that cannot be read or written is not an error.
 */
export function libraryRules(): LibraryRule[] {
  if (rules !== null) return rules;
  const entry = path.join(cacheRoot(), "policy-library", `${libraryHash()}.json`);
  try {
    const cached: unknown = JSON.parse(readFileSync(entry, "utf8"));
    if (Array.isArray(cached) && cached.every((rule: LibraryRule | null) => typeof rule?.meta?.id === "string" && typeof rule.package === "string")) {
      rules = cached as LibraryRule[];
      return rules;
    }
  } catch {
    // no entry yet, or an unreadable one: parse below
  }
  rules = rulesOf(parsedLibrary());
  try {
    writeAtomically(entry, JSON.stringify(rules));
  } catch {
    // the next start parses again
  }
  return rules;
}

function rulesOf(modules: readonly Module[]): LibraryRule[] {
  const found: LibraryRule[] = [];
  for (const module of modules) {
    const annotations = module.annotations.find((entry) => entry.scope === "package");
    const custom = annotations?.custom;
    if (annotations === undefined || custom === undefined || typeof custom["id"] !== "string") continue;
    const fix = typeof custom["fix"] === "string" ? custom["fix"] : "";
    const rationale = typeof custom["rationale"] === "string" ? custom["rationale"] : "";
    found.push({
      meta: {
        id: `policy/${custom["id"]}`,
        severity: (custom["severity"] as Severity | undefined) ?? "warning",
        description: annotations.description ?? annotations.title ?? custom["id"],
        docs: [fix, rationale].filter((text) => text !== "").join(" Why: "),
      },
      package: module.packagePath.join("."),
      parameters: (custom["parameters"] as Record<string, unknown> | undefined) ?? {},
    });
  }
  return found;
}
