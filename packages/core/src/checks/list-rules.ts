// `mergegate rules`: every rule the gate can report — the built-in ones and, for a repository, its own conftest
// policies (policy/<package>/<rule>) and Gatekeeper constraints (policy/gatekeeper/<Kind>/<name>).
import path from "node:path";
import { compile, RegoError } from "@mergegate/rego";
import { loadConfig } from "../config/config.js";
import { GateError } from "../errors.js";
import { isConstraint, isConstraintTemplate } from "../policy/gatekeeper.js";
import { loadRepo } from "../repo/load.js";
import type { Severity } from "../types.js";
import { rules as registered } from "./registry.js";
import { severityOf } from "./policy/gatekeeper.js";
import { loadRepoPolicies } from "./policy/repo-policies.js";
import { suppressionRules } from "../verdict/suppressions/rules.js";

export interface ListedRule {
  id: string;
  check: string;
  severity: Severity;
  description: string;
  help: string;
}

export interface ListRulesOptions {
  /** The repository (DIR) whose own policies and Gatekeeper constraints to add; null: the built-in rules only. */
  repo: string | null;
  /** `--config FILE`, else DIR/mergegate.yaml. */
  config?: string | null;
  /** `--policy DIR` (repeatable), relative to the current directory. */
  policyPaths?: readonly string[];
}

const checkOf = (id: string): string => id.split("/")[0] ?? id;

export async function listRules(options: ListRulesOptions): Promise<ListedRule[]> {
  const listed: ListedRule[] = [...registered.map((rule) => rule.meta), ...suppressionRules].map((meta) => ({
    id: meta.id,
    check: checkOf(meta.id),
    severity: meta.severity,
    description: meta.description,
    help: meta.docs,
  }));
  const policyFolders = (options.policyPaths ?? []).map((folder) => path.resolve(folder));
  if (options.repo !== null) {
    const root = path.resolve(options.repo);
    const { config } = loadConfig(root, options.config ?? null);
    policyFolders.unshift(...(config.policies?.paths ?? []).map((folder) => path.resolve(root, folder)));
    listed.push(...repoPolicyRules(policyFolders, config.policies?.namespaces ?? ["main"], config.policies?.regoVersion ?? "v1", root));
    listed.push(...gatekeeperConstraints(await loadRepo(root, config.exclude ?? [], null)));
  } else if (policyFolders.length > 0) {
    listed.push(...repoPolicyRules(policyFolders, ["main"], "v1", process.cwd()));
  }
  const byId = new Map(listed.map((rule) => [rule.id, rule]));
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** conftest rules (deny, violation, warn and their _suffixed forms) of the namespaces the check runs; paths relative to `root`. */
function repoPolicyRules(folders: readonly string[], namespaces: readonly string[], regoVersion: "v0" | "v1", root: string): ListedRule[] {
  if (folders.length === 0) return [];
  const loaded = loadRepoPolicies(folders, (file) => path.relative(root, file).split(path.sep).join("/") || file);
  if (loaded.modules.length === 0) return [];
  let policy;
  try {
    policy = compile({ modules: loaded.modules, regoVersion });
  } catch (error) {
    if (error instanceof RegoError) throw new GateError(error.message.split("\n")[0] ?? error.message);
    throw error;
  }
  const found: ListedRule[] = [];
  for (const rule of policy.rules()) {
    const name = rule.package.replace(/^data\./, "");
    const kind = /^(deny|violation|warn)(_|$)/.exec(rule.name)?.[1];
    if (kind === undefined || !namespaces.includes(name)) continue;
    const where = `${rule.location.file}:${rule.location.line}`;
    found.push({
      id: `policy/${name}/${rule.name}`,
      check: "policy",
      severity: kind === "warn" ? "warning" : "error",
      description: rule.annotations?.title ?? rule.annotations?.description ?? `conftest ${kind} rule ${rule.name} in package ${name} (${where})`,
      help: rule.annotations?.description ?? `see ${where}`,
    });
  }
  return found;
}

/** One entry per Gatekeeper Constraint in the repository, described by its ConstraintTemplate. */
function gatekeeperConstraints(repo: Awaited<ReturnType<typeof loadRepo>>): ListedRule[] {
  const templates = new Map<string, string>();
  const constraints: { kind: string; name: string; severity: Severity; file: string }[] = [];
  for (const file of repo.files.values()) {
    for (const value of file.values) {
      if (isConstraintTemplate(value)) {
        const metadata = value["metadata"] as { annotations?: Record<string, unknown> } | undefined;
        const spec = value["spec"] as { crd?: { spec?: { names?: { kind?: unknown } } } } | undefined;
        const kind = spec?.crd?.spec?.names?.kind;
        const description = metadata?.annotations?.["description"];
        if (typeof kind === "string") templates.set(kind, typeof description === "string" ? description : `Gatekeeper ConstraintTemplate ${kind} (${file.path})`);
      } else if (isConstraint(value)) {
        const metadata = value["metadata"] as { name?: unknown } | undefined;
        constraints.push({ kind: String(value["kind"] ?? ""), name: String(metadata?.name ?? ""), severity: severityOf(value), file: file.path });
      }
    }
  }
  return constraints.map(({ kind, name, severity, file }) => ({
    id: `policy/gatekeeper/${kind}/${name}`,
    check: "policy",
    severity,
    description: templates.get(kind) ?? `Gatekeeper constraint ${kind} ${name} (no ConstraintTemplate found)`,
    help: `constraint ${name} in ${file}: fix the object as its message says, narrow spec.match or set spec.enforcementAction (warn, dryrun)`,
  }));
}
