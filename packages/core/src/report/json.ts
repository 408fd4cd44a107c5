// The `json` format: the exact shape of CONTRACTS.md, version 1.
import type { RenderDiff } from "../diff/render-diff.js";
import type { GateResult } from "../types.js";

export function formatJson(result: GateResult): string {
  const output = {
    version: 1,
    tool: result.tool,
    verdict: { status: result.verdict.status, exitCode: result.verdict.exitCode, counts: result.verdict.counts },
    environments: result.verdict.environments,
    findings: result.findings,
    diff: result.diff === null ? null : diffCounts(result.diff),
  };
  return JSON.stringify(output, null, 2) + "\n";
}

/** In `check` output the diff is summarised as counts; `mergegate diff` prints it whole. */
function diffCounts(diff: RenderDiff): object {
  return {
    base: diff.base,
    head: diff.head,
    environments: diff.environments.map(({ env, added, removed, changed }) => ({ env, added: added.length, removed: removed.length, changed: changed.length })),
  };
}
