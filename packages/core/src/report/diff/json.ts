// `mergegate diff --format json`: the exact shape of CONTRACTS.md (field changes, not the whole objects).
import type { RenderDiff } from "../../diff/render-diff.js";

export function formatDiffJson(diff: RenderDiff): string {
  const environments = diff.environments.map((envDiff) => ({ ...envDiff, changed: envDiff.changed.map(({ ref, previousName, changes }) => ({ ref, previousName, changes })) }));
  return JSON.stringify({ version: 1, base: diff.base, head: diff.head, environments }, null, 2) + "\n";
}
