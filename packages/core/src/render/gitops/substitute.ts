// Flux `postBuild` variable substitution: `${VAR}`, `${VAR:=default}`, `${VAR:-default}`, `$${VAR}` kept literally,
// applied to every string of an object (never to objects annotated `kustomize.toolkit.fluxcd.io/substitute: disabled`).
import { isObject } from "../resource.js";

const variable = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\}/g;

/** Replaces the variables of one string; the names without a value (and no default) are added to `unresolved`. */
export function substituteText(text: string, values: Readonly<Record<string, string>>, unresolved: Set<string>): string {
  return text.replace(variable, (whole, escape: string, name: string, operator: string | undefined, fallback: string | undefined) => {
    if (escape === "$") return whole.slice(1);
    const value = values[name];
    if (value !== undefined && !(operator?.startsWith(":") === true && value === "")) return value;
    if (operator !== undefined) return fallback ?? "";
    unresolved.add(name);
    return whole;
  });
}

/** A copy of the value with every string substituted. */
export function substituteDeep<T>(value: T, values: Readonly<Record<string, string>>, unresolved: Set<string>): T {
  if (typeof value === "string") return substituteText(value, values, unresolved) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => substituteDeep(item, values, unresolved)) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteDeep(item, values, unresolved)])) as T;
  return value;
}

export function substitutionDisabled(object: Record<string, unknown>): boolean {
  const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
  const annotations = isObject(metadata["annotations"]) ? metadata["annotations"] : {};
  const labels = isObject(metadata["labels"]) ? metadata["labels"] : {};
  return annotations["kustomize.toolkit.fluxcd.io/substitute"] === "disabled" || labels["kustomize.toolkit.fluxcd.io/substitute"] === "disabled";
}
