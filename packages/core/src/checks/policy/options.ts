// The policy check's command-line settings (`--policy`, `--policy-namespace`, `--all-namespaces`, `--rego-version`).
export interface PolicyOptions {
  /** Rego folders besides policies.paths, relative to the current directory. */
  paths: readonly string[];
  /** conftest packages to run; empty means policies.namespaces, else main. */
  namespaces: readonly string[];
  allNamespaces: boolean;
  regoVersion: "v0" | "v1" | null;
}
