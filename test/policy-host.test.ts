// Policies see no host and cannot bring the gate down (issue 18, problems 3 and 5): opa.runtime() shows only the
// variables named with --policy-env, and a policy that blows a builtin's budget is a policy/evaluation-error finding.
import { afterAll, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { writeRepo } from "./support/temp-repo.js";

const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: on-call\n";

describe("a repository's policy and the host", () => {
  const repo = writeRepo({
    "mergegate.yaml": "version: 1\npolicies:\n  paths: [policy]\n",
    "apps/cm.yaml": configMap,
    "policy/leak.rego": 'package main\n\nimport rego.v1\n\nwarn contains msg if {\n  msg := sprintf("env %v", [opa.runtime().env])\n}\n',
  });
  afterAll(() => repo.remove());
  const env = { MERGEGATE_CI_TOKEN: "ci-token-value-123456" };

  it("shows no environment variable by default", () => {
    const run = mergegate(["check", repo.root, "--format", "json", "--offline"], { env });
    expect(run.stdout).toContain("env {}");
    expect(run.stdout).not.toContain("ci-token-value");
  });

  it("shows a variable named with --policy-env", () => {
    const run = mergegate(["check", repo.root, "--format", "json", "--offline", "--policy-env", "MERGEGATE_CI_TOKEN"], { env });
    expect(run.stdout).toContain("MERGEGATE_CI_TOKEN");
  });
});

describe("policy bombs are findings, never crashes", () => {
  const bombs: Record<string, string> = {
    glob: 'deny contains "glob matched nothing, in time" if not glob.match("*a*a*a*a*a*a*a*a*b", [], concat("", [x | some i in numbers.range(1, 400); x := "a"]))',
    concat: 'deny contains msg if { msg := concat("", [x | some i in numbers.range(1, 300000); x := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) }',
    replace: 'deny contains msg if { s := concat("", [x | some i in numbers.range(1, 100000); x := "a"]); msg := replace(s, "", s) }',
    sprintf: 'deny contains msg if { msg := sprintf("%999999999d", [1]) }',
  };
  const repo = writeRepo({
    "mergegate.yaml": `version: 1\npolicies:\n  paths: [policy]\n  namespaces: [${Object.keys(bombs).join(", ")}]\n`,
    "apps/cm.yaml": configMap,
    ...Object.fromEntries(Object.entries(bombs).map(([name, rule]) => [`policy/${name}.rego`, `package ${name}\n\nimport rego.v1\n\n${rule}\n`])),
  });
  afterAll(() => repo.remove());

  it("reports each as policy/evaluation-error and still decides a verdict", () => {
    const run = mergegate(["check", repo.root, "--format", "json", "--offline"]);
    expect(run.stderr).not.toMatch(/RangeError|internal error|at .*\.js:\d+/);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; message: string }[] }).findings.filter((finding) => finding.rule === "policy/evaluation-error");
    expect(findings.map((finding) => finding.message.split(" ")[0]).sort()).toEqual(["policy/concat/deny", "policy/replace/deny", "policy/sprintf/deny"]);
    for (const finding of findings) expect(finding.message).toMatch(/over the limit|step limit|time limit/);
    // the backtracking glob is matched in linear time: its rule simply decides
    expect(run.stdout).toContain("glob matched nothing, in time");
  });
});
