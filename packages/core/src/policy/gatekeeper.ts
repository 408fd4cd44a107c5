// Gatekeeper ConstraintTemplates over @mergegate/rego: compile a template's Rego, apply a
// Constraint's spec.match, and evaluate `violation` with Gatekeeper's input and data.inventory.
// Shared by `mergegate policy verify` (gator suites) and the check's Gatekeeper enforcement.
import { compile, RegoError, type Policy, type RegoVersion } from "@mergegate/rego";

type Json = Record<string, unknown>;

export interface GatekeeperViolation {
  msg: string;
  details: unknown;
}

export interface CompiledTemplate {
  /** The CRD kind a Constraint of this template has (spec.crd.spec.names.kind). */
  kind: string;
  name: string;
  /** null when the template has Rego; otherwise why it cannot be evaluated (CEL-only). */
  unsupported: string | null;
  /** Compilation error text, when the Rego did not compile. */
  error: string | null;
  packagePath: string | null;
  policy: Policy | null;
}

export interface ReviewRequest {
  object: Json | null;
  oldObject: Json | null;
  operation: string;
  kind?: { group: string; version: string; kind: string };
  name?: string;
  namespace?: string;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : []);

export const isConstraintTemplate = (doc: unknown): doc is Json => isObject(doc) && doc["kind"] === "ConstraintTemplate" && str(doc["apiVersion"]).startsWith("templates.gatekeeper.sh/");
export const isConstraint = (doc: unknown): doc is Json => isObject(doc) && str(doc["apiVersion"]).startsWith("constraints.gatekeeper.sh/");

interface RegoCode {
  rego: string;
  libs: string[];
  version: RegoVersion;
}

function regoOf(template: Json): RegoCode | null | "cel" {
  const spec = isObject(template["spec"]) ? template["spec"] : {};
  const targets = Array.isArray(spec["targets"]) ? spec["targets"] : [];
  let sawCode = false;
  for (const target of targets) {
    if (!isObject(target)) continue;
    if (typeof target["rego"] === "string" && target["rego"].trim() !== "") {
      return { rego: target["rego"], libs: strings(target["libs"]), version: "v0" };
    }
    for (const code of Array.isArray(target["code"]) ? target["code"] : []) {
      if (!isObject(code)) continue;
      sawCode = true;
      if (code["engine"] !== "Rego" || !isObject(code["source"])) continue;
      const source = code["source"];
      if (typeof source["rego"] !== "string") continue;
      return { rego: source["rego"], libs: strings(source["libs"]), version: source["version"] === "v1" ? "v1" : "v0" };
    }
  }
  return sawCode ? "cel" : null;
}

function packageOf(source: string): string | null {
  const match = /^\s*package\s+([A-Za-z_][\w.]*)/m.exec(source);
  return match?.[1] ?? null;
}

/** Compiles a ConstraintTemplate document; never throws (errors land in `error`/`unsupported`). */
export function compileTemplate(template: Json, file = "template.yaml"): CompiledTemplate {
  const metadata = isObject(template["metadata"]) ? template["metadata"] : {};
  const crd = isObject(template["spec"]) && isObject(template["spec"]["crd"]) ? template["spec"]["crd"] : {};
  const crdSpec = isObject(crd["spec"]) ? crd["spec"] : {};
  const names = isObject(crdSpec["names"]) ? crdSpec["names"] : {};
  const base = { kind: str(names["kind"]), name: str(metadata["name"]), unsupported: null, error: null, packagePath: null, policy: null };
  const code = regoOf(template);
  if (code === "cel") return { ...base, unsupported: "CEL-only template: unsupported" };
  if (code === null) return { ...base, unsupported: "template has no Rego" };
  const packagePath = packageOf(code.rego);
  if (packagePath === null) return { ...base, error: "template Rego has no package" };
  try {
    const modules = [{ file, source: code.rego }, ...code.libs.map((source, index) => ({ file: `${file}#lib${index}`, source }))];
    return { ...base, packagePath, policy: compile({ modules, regoVersion: code.version }) };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
    return { ...base, packagePath, error: error instanceof RegoError ? message : `compile failed: ${message}` };
  }
}

function gvk(object: Json): { group: string; version: string; kind: string } {
  const apiVersion = str(object["apiVersion"]);
  const slash = apiVersion.indexOf("/");
  return { group: slash < 0 ? "" : apiVersion.slice(0, slash), version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1), kind: str(object["kind"]) };
}

const metaOf = (object: Json | null): Json => (object !== null && isObject(object["metadata"]) ? object["metadata"] : {});

/** Gatekeeper's data.inventory: cluster[apiVersion][kind][name], namespace[ns][apiVersion][kind][name]. */
export function buildInventory(objects: readonly unknown[]): Json {
  const cluster: Json = {};
  const namespace: Json = {};
  const put = (root: Json, keys: string[], value: unknown): void => {
    let node = root;
    for (const key of keys.slice(0, -1)) {
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as Json;
    }
    node[keys[keys.length - 1] as string] = value;
  };
  for (const object of objects) {
    if (!isObject(object)) continue;
    const meta = metaOf(object);
    const apiVersion = str(object["apiVersion"]);
    const kind = str(object["kind"]);
    const name = str(meta["name"]);
    const ns = str(meta["namespace"]);
    if (ns === "") put(cluster, [apiVersion, kind, name], object);
    else put(namespace, [ns, apiVersion, kind, name], object);
  }
  return { cluster, namespace };
}

/** A Gatekeeper glob: a leading or trailing `*` is a prefix/suffix wildcard. */
function globMatch(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

function selectorMatches(selector: unknown, labels: Json): boolean {
  if (!isObject(selector)) return true;
  const matchLabels = isObject(selector["matchLabels"]) ? selector["matchLabels"] : {};
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const expression of Array.isArray(selector["matchExpressions"]) ? selector["matchExpressions"] : []) {
    if (!isObject(expression)) continue;
    const key = str(expression["key"]);
    const values = strings(expression["values"]);
    const has = Object.hasOwn(labels, key);
    const value = str(labels[key]);
    switch (expression["operator"]) {
      case "In":
        if (!has || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (has && values.includes(value)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const labelsOf = (object: Json | null): Json => {
  const labels = metaOf(object)["labels"];
  return isObject(labels) ? labels : {};
};

/** Whether a Constraint's spec.match selects the reviewed object (Gatekeeper's match semantics). */
export function constraintMatches(constraint: Json, review: ReviewRequest, namespaces: ReadonlyMap<string, Json>): boolean {
  const spec = isObject(constraint["spec"]) ? constraint["spec"] : {};
  const match = isObject(spec["match"]) ? spec["match"] : {};
  const object = review.object ?? review.oldObject;
  if (object === null) return false;
  const kind = review.kind ?? gvk(object);
  const meta = metaOf(object);
  const isNamespace = kind.kind === "Namespace" && kind.group === "";
  const ns = review.namespace ?? str(meta["namespace"]);
  const name = review.name ?? str(meta["name"]);

  const kinds = Array.isArray(match["kinds"]) ? match["kinds"] : [];
  if (kinds.length > 0) {
    const any = kinds.some((entry) => {
      if (!isObject(entry)) return false;
      const groups = strings(entry["apiGroups"]);
      const names = strings(entry["kinds"]);
      return (groups.length === 0 || groups.includes("*") || groups.includes(kind.group)) && (names.length === 0 || names.includes("*") || names.includes(kind.kind));
    });
    if (!any) return false;
  }
  const scope = str(match["scope"]);
  if (scope === "Cluster" && ns !== "") return false;
  if (scope === "Namespaced" && ns === "") return false;

  const subject = isNamespace ? name : ns;
  const included = strings(match["namespaces"]);
  if (included.length > 0 && subject !== "" && !included.some((pattern) => globMatch(pattern, subject))) return false;
  const excluded = strings(match["excludedNamespaces"]);
  if (subject !== "" && excluded.some((pattern) => globMatch(pattern, subject))) return false;

  if (typeof match["name"] === "string" && match["name"] !== "" && !globMatch(match["name"], name)) return false;
  if (match["labelSelector"] !== undefined && !selectorMatches(match["labelSelector"], labelsOf(object))) return false;
  if (match["namespaceSelector"] !== undefined) {
    if (isNamespace) {
      if (!selectorMatches(match["namespaceSelector"], labelsOf(object))) return false;
    } else if (ns !== "") {
      const namespace = namespaces.get(ns);
      if (namespace === undefined || !selectorMatches(match["namespaceSelector"], labelsOf(namespace))) return false;
    }
  }
  return true;
}

/** The review of a plain object (operation CREATE) or of an AdmissionReview's request. */
export function reviewOf(document: Json): ReviewRequest {
  if (document["kind"] === "AdmissionReview" && isObject(document["request"])) {
    const request = document["request"];
    const object = isObject(request["object"]) ? request["object"] : null;
    const oldObject = isObject(request["oldObject"]) ? request["oldObject"] : null;
    const subject = object ?? oldObject ?? {};
    const kind = isObject(request["kind"]) ? { group: str(request["kind"]["group"]), version: str(request["kind"]["version"]), kind: str(request["kind"]["kind"]) } : gvk(subject);
    return {
      object,
      oldObject,
      operation: str(request["operation"]) || "CREATE",
      kind,
      name: str(request["name"]) || str(metaOf(subject)["name"]),
      namespace: str(request["namespace"]) || str(metaOf(subject)["namespace"]),
    };
  }
  return { object: document, oldObject: null, operation: "CREATE" };
}

/** Gatekeeper's `input.review` for a review request. */
function reviewInput(review: ReviewRequest): Json {
  const subject = review.object ?? review.oldObject ?? {};
  const meta = metaOf(subject);
  const input: Json = {
    object: review.object,
    oldObject: review.oldObject,
    kind: review.kind ?? gvk(subject),
    name: review.name ?? str(meta["name"]),
    namespace: review.namespace ?? str(meta["namespace"]),
    operation: review.operation,
  };
  return input;
}

/**
 * Evaluates a compiled template's `violation` set for one review under a constraint.
 * A non-matching object yields no violations. Throws on evaluation errors.
 */
export function evaluateConstraint(
  template: CompiledTemplate,
  constraint: Json,
  review: ReviewRequest,
  inventory: Json,
  namespaces: ReadonlyMap<string, Json>,
  limits?: { maxSteps?: number; timeoutMs?: number },
): GatekeeperViolation[] {
  if (template.policy === null || template.packagePath === null) throw new Error(template.unsupported ?? template.error ?? "template not compiled");
  if (!constraintMatches(constraint, review, namespaces)) return [];
  const spec = isObject(constraint["spec"]) ? constraint["spec"] : {};
  const input = { review: reviewInput(review), parameters: spec["parameters"] ?? {} };
  const value = template.policy.evalRef(`data.${template.packagePath}.violation`, input, { data: inventoryData(inventory), ...(limits === undefined ? {} : { limits }) });
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => (isObject(entry) ? { msg: typeof entry["msg"] === "string" ? entry["msg"] : JSON.stringify(entry["msg"] ?? ""), details: entry["details"] ?? {} } : { msg: JSON.stringify(entry), details: {} }));
}

/** Namespace objects by name, from inventory (or rendered) objects. */
export function namespacesOf(objects: readonly unknown[]): Map<string, Json> {
  const namespaces = new Map<string, Json>();
  for (const object of objects) {
    if (isObject(object) && object["kind"] === "Namespace" && str(object["apiVersion"]) === "v1") namespaces.set(str(metaOf(object)["name"]), object);
  }
  return namespaces;
}

const dataDocuments = new WeakMap<object, { inventory: Json }>();

/** One data document per inventory, so that a template's rules over the inventory alone are evaluated once per render. */
function inventoryData(inventory: Json): { inventory: Json } {
  let data = dataDocuments.get(inventory);
  if (data === undefined) {
    data = { inventory };
    dataDocuments.set(inventory, data);
  }
  return data;
}
