// Gatekeeper as users meet it: `mergegate policy verify` over gator suites, and constraints in the repo enforced by `mergegate check`.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { hasShared, sharedRoot } from "./support/tools.js";

const fixtures = "test/fixtures/gatekeeper";

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  location: { file: string; line: number } | null;
}

describe("mergegate policy verify", () => {
  it("passes a suite file and prints the total", () => {
    const run = mergegate(["policy", "verify", `${fixtures}/requiredlabels/suite.yaml`]);
    expect(run).toMatchObject({ code: 0, stdout: "PASS: 4/4\n", stderr: "" });
  });

  it("searches folders, prints failing cases and exits 1; --format json gives the case list", () => {
    const text = mergegate(["policy", "verify", fixtures]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(`${fixtures}/celonly/suite.yaml: ERROR cel/pod (CEL-only template: unsupported)\nFAIL: 4/5\n`);
    const json = mergegate(["policy", "verify", fixtures, "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 5, passed: 4, failed: 0, errored: 1, cases: expect.arrayContaining([{ file: `${fixtures}/requiredlabels/suite.yaml`, name: "owner/disallowed", status: "pass", reason: null }]) });
  });

  describe.runIf(hasShared())("over the Gatekeeper library", () => {
    it("passes at least 90% of the cases", () => {
      const run = mergegate(["policy", "verify", path.join(sharedRoot, "conformance/gatekeeper-library"), "--format", "json"]);
      const report = JSON.parse(run.stdout) as { total: number; passed: number };
      console.log(`policy verify gatekeeper-library: ${report.passed}/${report.total} (${((report.passed / report.total) * 100).toFixed(1)}%)`);
      expect(report.passed / report.total).toBeGreaterThanOrEqual(0.9);
    });
  });
});

describe("Gatekeeper constraints in mergegate check", () => {
  it("are enforced on the render with the enforcementAction's severity; CEL-only templates are reported", () => {
    const run = mergegate(["check", `${fixtures}/repo`, "--format", "json", "--offline"]);
    expect(run.stderr).toBe("");
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => finding.rule.startsWith("policy/gatekeeper"));
    const where = (finding: JsonFinding) => `${finding.location?.file.replace(`${fixtures}/repo/`, "")}:${finding.location?.line}`;
    expect(findings.map((finding) => [finding.rule, finding.severity, where(finding), finding.message])).toEqual([
      ["policy/gatekeeper-unsupported", "info", "gatekeeper/celonly-template.yaml:1", "ConstraintTemplate k8scelonly: CEL-only template: unsupported"],
      ["policy/gatekeeper/K8sRequiredLabels/namespaces-need-team", "warning", "apps/pods.yaml:1", 'you must provide labels: {"team"}'],
      ["policy/gatekeeper/K8sRequiredLabels/pods-need-owner", "error", "apps/pods.yaml:6", 'you must provide labels: {"owner"}'],
    ]);
    expect(run.code).toBe(1);
  });
});
