// The policy check as users meet it: their conftest policies run unchanged at file:line, and the built-in
// library passes its own Rego tests and explains itself.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { projectRoot } from "./support/tools.js";

const fixture = "test/fixtures/policy/conftest";

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  location: { file: string; line: number } | null;
  suppression: { kind: string } | null;
}

describe("conftest policies through mergegate check --policy", () => {
  it("give conftest's messages at the line to fix, with exceptions as suppressions", () => {
    const run = mergegate(["check", `${fixture}/repo`, "--policy", `${fixture}/policy`, "--format", "json", "--offline"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.rule.startsWith("policy/main/"));
    const where = (finding: JsonFinding) => `${finding.location?.file.replace(`${fixture}/repo/`, "")}:${finding.location?.line}`;
    expect(findings.map((finding) => [finding.rule, finding.severity, where(finding), finding.message, finding.suppression?.kind ?? null])).toEqual([
      ["policy/main/deny_latest_tag", "error", "apps/legacy.yaml:1", "container legacy uses the latest tag", "exception"],
      ["policy/main/deny", "error", "apps/web.yaml:1", "Deployment web must set runAsNonRoot", null],
      ["policy/main/deny_latest_tag", "error", "apps/web.yaml:1", "container web uses the latest tag", null],
      ["policy/main/violation", "error", "apps/web.yaml:6", "Deployment web runs 1 replica", null],
      ["policy/main/warn", "warning", "apps/web.yaml:17", "Service web is exposed on every node", null],
    ]);
  });

  it("run only the chosen namespace", () => {
    const run = mergegate(["check", `${fixture}/repo`, "--policy", `${fixture}/policy`, "--policy-namespace", "other", "--format", "json", "--offline"]);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.filter((finding) => finding.rule.startsWith("policy/main/"))).toEqual([]);
  });
});

describe("the built-in library", () => {
  it("passes its own Rego tests", () => {
    const run = mergegate(["policy", "test", path.join(projectRoot, "policies"), "--format", "json"]);
    const report = JSON.parse(run.stdout) as { total: number; failed: number };
    expect(report.failed).toBe(0);
    expect(report.total).toBeGreaterThanOrEqual(50);
    expect(run.code).toBe(0);
  });

  it("explains a built-in rule and a core rule; an unknown rule exits 2", () => {
    const policy = mergegate(["explain", "policy/run-as-non-root"]);
    expect(policy.code).toBe(0);
    expect(policy.stdout).toMatch(/^policy\/run-as-non-root {2}\(default severity: error\)\n\n.+\n\n.+\n\nMore: https:\/\/mergegate\.dev\/rules\/policy\/run-as-non-root\n$/);
    expect(mergegate(["explain", "k8s/invalid-name"]).stdout).toContain("DNS-1123");
    expect(mergegate(["explain", "policy/no-such-rule"])).toMatchObject({ code: 2, stderr: 'mergegate: unknown rule "policy/no-such-rule" (see the rules table in the README)\n' });
  });
});

describe("a repo policy that does not parse", () => {
  it("is a policy/evaluation-error finding at the line the parser stopped, not a gate error", () => {
    const run = mergegate(["check", `${fixture}/repo`, "--policy", "test/fixtures/policy/parse-error/policy", "--format", "json", "--offline"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.rule === "policy/evaluation-error");
    expect(findings.map((finding) => [finding.severity, `${finding.location?.file}:${finding.location?.line}`])).toEqual([["error", "test/fixtures/policy/parse-error/policy/unclosed.rego:8"]]);
    expect(findings[0]?.message).toMatch(/^policy does not parse: /);
  });
});

describe("a repo policy that OPA's type check rejects", () => {
  it("is a policy/evaluation-error finding at the module's line, not a gate error", () => {
    const run = mergegate(["check", `${fixture}/repo`, "--policy", "test/fixtures/policy/type-error/policy", "--format", "json", "--offline"]);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.rule === "policy/evaluation-error");
    expect(findings.map((finding) => [finding.severity, `${finding.location?.file}:${finding.location?.line}`])).toEqual([["error", "test/fixtures/policy/type-error/policy/labels.rego:6"]]);
    expect(findings[0]?.message).toContain("concat: invalid argument(s) have: (string, array<string, number>)");
  });
});
