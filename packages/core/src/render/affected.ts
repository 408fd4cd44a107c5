// Affected environments: from the paths a change touches, which environments' renders can differ from the base.
import path from "node:path";
import type { Config } from "../config/config.js";
import type { Environment, SourceFile } from "../types.js";
import { environmentInputs, touches } from "./inputs.js";

export const unaffectedReason = "not affected by the change: none of its render inputs changed";

export interface AffectedOptions {
  environments: readonly Environment[];
  files: ReadonlyMap<string, SourceFile>;
  config: Config;
  /** DIR-relative files and folders every environment's checks read besides the config's: `--config`, `--policy`, `--schema-location` inside DIR. */
  sharedPaths: readonly string[];
  /** DIR-relative paths that differ from the base (deleted ones included). */
  changed: readonly string[];
}

/** Names of the environments to render and check. */
export function affectedEnvironments(options: AffectedOptions): Set<string> {
  if (options.changed.some((file) => isSharedInput(file, options.config, options.sharedPaths))) return new Set(options.environments.map((env) => env.name));
  const names = new Set<string>();
  for (const env of options.environments) {
    const inputs = environmentInputs(env, options.files);
    if (options.changed.some((file) => touches(inputs, file))) names.add(env.name);
  }
  return names;
}

/**
 * Files every environment's checks read: the configuration, the suppression files, Rego policies and local
 * schema locations. A change to one re-checks every environment.
 */
export function isSharedInput(file: string, config: Config, sharedPaths: readonly string[]): boolean {
  if (file === "mergegate.yaml" || file.startsWith(".mergegate/") || file.endsWith(".rego")) return true;
  const named = [...sharedPaths, config.baseline, config.waivers, ...(config.policies?.paths ?? []), ...(config.schemas?.locations ?? [])];
  return named.some((entry) => {
    if (entry === undefined || /^[a-z]+:\/\//i.test(entry)) return false;
    const normalized = path.posix.normalize(entry.replace(/\\/g, "/")).replace(/\/$/, "");
    return normalized === "." || file === normalized || file.startsWith(normalized + "/");
  });
}
