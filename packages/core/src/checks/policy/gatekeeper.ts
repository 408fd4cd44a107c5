// Gatekeeper enforcement in `mergegate check`: ConstraintTemplates and Constraints found in the repo's
// YAML are evaluated against each environment's render, with the render as data.inventory.
import { RegoError } from "@mergegate/rego";
import { buildInventory, compileTemplate, evaluateConstraint, isConstraint, isConstraintTemplate, namespacesOf, type CompiledTemplate } from "../../policy/gatekeeper.js";
import type { Location, Severity, SourceFile } from "../../types.js";
import type { CheckContext, Rule } from "../rule.js";
import type { DocumentIdentity } from "../../repo/identities.js";

type Json = Record<string, unknown>;

export const gatekeeperModule = "policy/gatekeeper";
export const gatekeeperUnsupportedModule = "policy/gatekeeper-unsupported";

interface Found<T> {
  value: T;
  location: Location;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The 1-based line where a file's index-th YAML document's content starts. */
function lineOfDocument(file: SourceFile, index: number): number {
  const offset = file.documents[index]?.contents?.range?.[0];
  if (offset === undefined) return 1;
  let line = 0;
  while (line + 1 < file.lineStarts.length && (file.lineStarts[line + 1] ?? Infinity) <= offset) line++;
  return line + 1;
}

interface RepoGatekeeper {
  templates: Map<string, Found<CompiledTemplate>>;
  constraints: Found<Json>[];
}

const cache = new WeakMap<CheckContext["files"], RepoGatekeeper>();

function repoGatekeeper(context: CheckContext): RepoGatekeeper {
  const files = context.policyOptions?.gatekeeperFiles ?? context.files;
  let found = cache.get(files);
  if (found !== undefined) return found;
  found = { templates: new Map(), constraints: [] };
  for (const file of files.values()) {
    // what a document is (its identity) tells without reading the file's values: most files hold no Gatekeeper object
    if (!file.identities.some((identity) => identity === null || mayBeGatekeeper(identity))) continue;
    file.values.forEach((value, index) => {
      if (!isConstraintTemplate(value) && !isConstraint(value)) return;
      const line = lineOfDocument(file, index);
      const location: Location = { file: file.path, line, column: 1, endLine: line, endColumn: 1 };
      if (isConstraintTemplate(value)) {
        const template = compileTemplate(value, file.path);
        if (template.kind !== "") found?.templates.set(template.kind, { value: template, location });
      } else found?.constraints.push({ value, location });
    });
  }
  cache.set(files, found);
  return found;
}

/** A document isConstraintTemplate or isConstraint may accept, by its apiVersion and kind (a document without both may be one). */
function mayBeGatekeeper(identity: DocumentIdentity): boolean {
  return (identity.kind === "ConstraintTemplate" && identity.apiVersion.startsWith("templates.gatekeeper.sh/")) || identity.apiVersion.startsWith("constraints.gatekeeper.sh/");
}

/** A constraint's severity from its enforcementAction: warn → warning, dryrun → info, else error. */
export function severityOf(constraint: Json): Severity {
  const spec = isObject(constraint["spec"]) ? constraint["spec"] : {};
  switch (spec["enforcementAction"]) {
    case "warn":
      return "warning";
    case "dryrun":
      return "info";
    default:
      return "error";
  }
}

function pointerOf(details: unknown): string | null {
  if (!isObject(details) || typeof details["path"] !== "string" || details["path"] === "") return null;
  const path = details["path"];
  if (path.startsWith("/")) return path;
  return "/" + path.replace(/\[(\d+)\]/g, ".$1").split(".").filter((part) => part !== "").map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

export const gatekeeperRule: Rule = {
  meta: {
    id: gatekeeperModule,
    severity: "error",
    description: "Gatekeeper Constraints found in the repo (with their ConstraintTemplates' Rego), enforced on each environment's render; reported as policy/gatekeeper/<kind>/<name>.",
    docs: "Fix the object as the constraint's message says, narrow the constraint's spec.match, or set its enforcementAction (warn, dryrun).",
  },
  run(context) {
    const { templates, constraints } = repoGatekeeper(context);
    if (constraints.length === 0) return;
    const limits = { maxSteps: context.config.policies?.limits?.steps ?? 1_000_000, timeoutMs: context.config.policies?.limits?.timeoutMs ?? 1000 };
    for (const envRender of context.render.environments) {
      const objects = envRender.resources.map((resource) => resource.object);
      const inventory = buildInventory(objects);
      const namespaces = namespacesOf(objects);
      for (const { value: constraint, location } of constraints) {
        const kind = String(constraint["kind"] ?? "");
        const template = templates.get(kind)?.value;
        if (template === undefined || template.unsupported !== null || template.error !== null) continue;
        const name = isObject(constraint["metadata"]) ? String(constraint["metadata"]["name"] ?? "") : "";
        const rule = `policy/gatekeeper/${kind}/${name}`;
        const severity = severityOf(constraint);
        for (const resource of envRender.resources) {
          try {
            for (const violation of evaluateConstraint(template, constraint, { object: resource.object, oldObject: null, operation: "CREATE" }, inventory, namespaces, limits)) {
              context.report({ rule, message: violation.msg, severity, env: envRender.env.name, resource, pointer: pointerOf(violation.details) });
            }
          } catch (error) {
            if (!(error instanceof RegoError) && !(error instanceof Error)) throw error;
            context.report({ rule, message: `${rule} failed on ${resource.key.kind}/${resource.key.name}: ${error.message.split("\n")[0] ?? ""}`, severity: "error", env: envRender.env.name, resource, location });
          }
        }
      }
    }
  },
};

export const gatekeeperUnsupportedRule: Rule = {
  meta: {
    id: gatekeeperUnsupportedModule,
    severity: "info",
    description: "A Gatekeeper ConstraintTemplate mergegate cannot evaluate (CEL-only, or Rego that does not compile); its constraints are not enforced.",
    docs: "Add a Rego engine (code: engine: Rego) to the template, or fix its Rego, to have mergegate enforce it.",
  },
  run(context) {
    const { templates } = repoGatekeeper(context);
    for (const { value: template, location } of templates.values()) {
      const reason = template.unsupported ?? template.error;
      if (reason === null) continue;
      context.report({ message: `ConstraintTemplate ${template.name}: ${reason}`, env: null, location, subject: template.name });
    }
  },
};

export const gatekeeperRules: readonly Rule[] = [gatekeeperRule, gatekeeperUnsupportedRule];
