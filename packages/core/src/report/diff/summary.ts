// Shared by the diff formats: counts per environment and kind, object labels, short value text and the unified
// YAML diff of a changed object.
import type { ChangedObject, EnvironmentDiff, RenderDiff } from "../../diff/render-diff.js";
import { yamlDiff } from "../../diff/yaml-diff.js";
import type { ResourceKey } from "../../types.js";
import { printable } from "../text.js";

export function objectLabel(key: ResourceKey): string {
  return `${key.kind ?? "?"} ${key.namespace === null ? "" : key.namespace + "/"}${key.name ?? "?"}`;
}

export function sideLabel(side: RenderDiff["base"]): string {
  return side.commit === null ? side.ref : `${side.ref} (${side.commit.slice(0, 12)})`;
}

export function countsText(envDiff: EnvironmentDiff): string {
  if (envDiff.added.length + envDiff.removed.length + envDiff.changed.length === 0) return "no changes";
  return `${envDiff.added.length} added, ${envDiff.removed.length} removed, ${envDiff.changed.length} changed`;
}

/** "ConfigMap: 1 added, 1 changed · Deployment: 1 changed" */
export function kindSummary(envDiff: EnvironmentDiff): string {
  const byKind = new Map<string, { added: number; removed: number; changed: number }>();
  const bump = (kind: string | null, field: "added" | "removed" | "changed"): void => {
    const counts = byKind.get(kind ?? "?") ?? { added: 0, removed: 0, changed: 0 };
    counts[field]++;
    byKind.set(kind ?? "?", counts);
  };
  for (const key of envDiff.added) bump(key.kind, "added");
  for (const key of envDiff.removed) bump(key.kind, "removed");
  for (const { ref } of envDiff.changed) bump(ref.kind, "changed");
  return [...byKind.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, counts]) => `${kind}: ${(["added", "removed", "changed"] as const).filter((field) => counts[field] > 0).map((field) => `${counts[field]} ${field}`).join(", ")}`)
    .join(" · ");
}

/** A value on one line, cut at `limit` characters. */
export function valueText(value: unknown, limit = 120): string {
  const text = value === undefined ? "null" : JSON.stringify(value);
  return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
}

/** The change's pointer with its list item's merge key and, when the item moved, where it was: `/…/env/0 [name=NEW]`. */
export function changePath(change: { path: string; key?: Record<string, string | number>; previousPath?: string }): string {
  const key = change.key === undefined ? "" : ` [${Object.entries(change.key).map(([field, value]) => `${field}=${value}`).join(", ")}]`;
  return `${change.path}${key}${change.previousPath === undefined ? "" : ` (was ${change.previousPath})`}`;
}

/** Hunks made once per changed object: the Action formats one result several times (comment, summary). */
const hunksOf = new WeakMap<ChangedObject, string[]>();

/** The object's unified YAML diff with its `---`/`+++` header (each side's ref and the object's name there), printable. */
export function yamlDiffLines(diff: RenderDiff, changed: ChangedObject): string[] {
  let hunks = hunksOf.get(changed);
  if (hunks === undefined) {
    hunks = yamlDiff(changed.objects.before, changed.objects.after).map(printable);
    hunksOf.set(changed, hunks);
  }
  const baseKey = { ...changed.ref, name: changed.previousName ?? changed.ref.name };
  return [printable(`--- ${shortRef(diff.base.ref)}  ${objectLabel(baseKey)}`), printable(`+++ ${shortRef(diff.head.ref)}  ${objectLabel(changed.ref)}`), ...hunks];
}

/** A ref as the `---`/`+++` lines name it: a commit id (the Action's base) by its first 12 digits. */
function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref;
}
