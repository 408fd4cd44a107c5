// Lookups the canary rules share: objects of one environment by kind and name, pod templates and label selectors.
import { isObject } from "../../render/resource.js";
import type { EnvironmentRender, Resource } from "../../types.js";

export type Labels = Record<string, string>;

/** The objects of one environment, by kind, for resolving references between files. */
export class RenderIndex {
  private readonly byKind = new Map<string, Resource[]>();

  constructor(readonly envRender: EnvironmentRender) {
    for (const resource of envRender.resources) {
      const kind = resource.key.kind;
      if (kind === null) continue;
      const list = this.byKind.get(kind) ?? [];
      list.push(resource);
      this.byKind.set(kind, list);
    }
  }

  get env(): string {
    return this.envRender.env.name;
  }

  ofKind(kind: string): Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Objects of the kind with that name in the namespace (a missing namespace on either side matches). */
  named(kind: string, name: string, namespace: string | null): Resource[] {
    return this.ofKind(kind).filter((resource) => resource.key.name === name && sameNamespace(resource.key.namespace, namespace));
  }
}

export function sameNamespace(left: string | null, right: string | null): boolean {
  return left === null || right === null || left === right;
}

export function record(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function labelsOf(value: unknown): Labels {
  const labels: Labels = {};
  for (const [key, entry] of Object.entries(record(value))) if (typeof entry === "string") labels[key] = entry;
  return labels;
}

/** The pod template labels of a workload (Deployment, StatefulSet, Rollout, …). */
export function templateLabels(resource: Resource): Labels {
  return labelsOf(record(record(record(resource.object["spec"])["template"])["metadata"])["labels"]);
}

/** Whether every key/value of the selector is among the labels (an empty selector selects nothing here). */
export function selectsLabels(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** A LabelSelector (matchLabels and matchExpressions) against labels. */
export function labelSelectorMatches(selector: unknown, labels: Labels): boolean {
  const matchLabels = labelsOf(record(selector)["matchLabels"]);
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return list(record(selector)["matchExpressions"]).every((expression) => expressionMatches(record(expression), labels));
}

function expressionMatches(expression: Record<string, unknown>, labels: Labels): boolean {
  const key = text(expression["key"]) ?? "";
  const values = list(expression["values"]).filter((value): value is string => typeof value === "string");
  const value = labels[key];
  switch (expression["operator"]) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    default:
      return true;
  }
}

/** Kubernetes short forms of a Service host: name, name.namespace, name.namespace.svc[.cluster.local]. */
export function serviceNameOfHost(host: string): string {
  return host.split(".")[0] ?? host;
}
