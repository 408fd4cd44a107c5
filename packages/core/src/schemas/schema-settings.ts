// The schema check's settings, merged from flags, mergegate.yaml and the environment (MERGEGATE_OFFLINE, XDG_CACHE_HOME).
import type { Config } from "../config/config.js";
import type { Severity } from "../types.js";
import { cacheRoot } from "./cache.js";

/** What the gate's options add to the check context for schemas (`--kubernetes-version`, `--schema-location`, `--offline`). */
export interface SchemaOptions {
  kubernetesVersion: string | null;
  /** Locations from the command line, relative to the current directory. */
  locations: readonly string[];
  offline: boolean;
  /** The checked folder: locations in mergegate.yaml are relative to it. */
  repoRoot: string;
}

export interface SchemaSettings {
  kubernetesVersion: string | null;
  locations: { location: string; baseDir: string }[];
  offline: boolean;
  unknownKind: Severity | "ignore";
  cacheRoot: string;
  /** MERGEGATE_SCHEMA_MIRROR: download from a mirror in the layout of ../shared/k8s-schemas instead of upstream. */
  mirror: string | null;
  timeoutMs: number;
}

/** On-demand downloads give up after this long: the gate must never hang on the network. */
const onDemandTimeoutMs = 15_000;

export function schemaSettings(options: SchemaOptions | undefined, config: Config, environment: NodeJS.ProcessEnv = process.env): SchemaSettings {
  const fromFlags = (options?.locations ?? []).map((location) => ({ location, baseDir: process.cwd() }));
  const fromConfig = (config.schemas?.locations ?? []).map((location) => ({ location, baseDir: options?.repoRoot ?? process.cwd() }));
  const offlineVariable = environment["MERGEGATE_OFFLINE"];
  return {
    kubernetesVersion: options?.kubernetesVersion ?? null,
    locations: [...fromFlags, ...fromConfig],
    offline: (options?.offline ?? false) || (config.schemas?.offline ?? false) || (offlineVariable !== undefined && offlineVariable !== "" && offlineVariable !== "0"),
    unknownKind: config.schemas?.unknownKind ?? "warning",
    cacheRoot: cacheRoot(environment),
    mirror: environment["MERGEGATE_SCHEMA_MIRROR"] || null,
    timeoutMs: onDemandTimeoutMs,
  };
}
