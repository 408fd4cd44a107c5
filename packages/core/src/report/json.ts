// The `json` format: the exact shape of CONTRACTS.md, version 1.
import type { GateResult } from "../types.js";

export function formatJson(result: GateResult): string {
  const output = {
    version: 1,
    tool: result.tool,
    verdict: { status: result.verdict.status, exitCode: result.verdict.exitCode, counts: result.verdict.counts },
    environments: result.verdict.environments,
    findings: result.findings,
    diff: result.diff,
  };
  return JSON.stringify(output, null, 2) + "\n";
}
