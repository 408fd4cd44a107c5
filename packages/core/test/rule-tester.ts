// A RuleTester in ESLint's spirit: a small repo in, the findings of one rule out, so rule tests read "these files → these findings".
import { runGate } from "../src/gate.js";
import type { Rule } from "../src/checks/rule.js";
import type { Finding } from "../src/types.js";
import { writeRepo } from "../../../test/support/temp-repo.js";

export interface RuleCase {
  files: Record<string, string>;
}

/** Short form of a finding for assertions: rule, env, file:line:column and message. */
export interface FoundFinding {
  rule: string;
  env: string | null;
  at: string;
  message: string;
}

export async function findingsOf(rule: Rule, testCase: RuleCase): Promise<FoundFinding[]> {
  const repo = writeRepo(testCase.files);
  try {
    const result = await runGate({ repo: repo.root, rules: [rule] });
    return result.findings.map(short);
  } finally {
    repo.remove();
  }
}

export function short(finding: Finding): FoundFinding {
  const at = finding.location === null ? "" : `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
  return { rule: finding.rule, env: finding.env, at, message: finding.message };
}
