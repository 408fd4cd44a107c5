// `mergegate diff --format json`: the exact shape of CONTRACTS.md.
import type { RenderDiff } from "../../diff/render-diff.js";

export function formatDiffJson(diff: RenderDiff): string {
  return JSON.stringify({ version: 1, base: diff.base, head: diff.head, environments: diff.environments }, null, 2) + "\n";
}
