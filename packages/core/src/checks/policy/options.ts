// The policy check's command-line settings (`--policy`, `--policy-namespace`, `--all-namespaces`, `--rego-version`,
// `--policy-env`, `--data`).
import type { SourceFile } from "../../types.js";

export interface PolicyOptions {
  /** Rego folders besides policies.paths, relative to the current directory. */
  paths: readonly string[];
  /** conftest packages to run; empty means policies.namespaces, else main. */
  namespaces: readonly string[];
  allNamespaces: boolean;
  regoVersion: "v0" | "v1" | null;
  /** `--policy-env NAME` (repeatable): the only environment variables opa.runtime() shows; none by default. */
  env?: readonly string[];
  /** `--data PATH` (repeatable): JSON/YAML files or folders merged into `data`, relative to the current directory. */
  dataPaths?: readonly string[];
  /**
   * The files whose Gatekeeper ConstraintTemplates and Constraints run; default the checked files. Under
   * pull_request_target these are the base revision's, so no Rego from the pull request's head is evaluated.
   */
  gatekeeperFiles?: ReadonlyMap<string, SourceFile>;
}

/** The allowed variables that are set, by name: what opa.runtime().env holds. */
export function runtimeEnvOf(names: readonly string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of names ?? []) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
