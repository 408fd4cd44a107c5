// `mergegate policy eval | test | conformance` as a user runs them.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { hasShared, sharedRoot } from "./support/tools.js";
import { writeRepo } from "./support/temp-repo.js";

const policy = `package main

deny contains msg if {
  input.kind == "Deployment"
  some container in input.spec.template.spec.containers
  endswith(container.image, ":latest")
  msg := sprintf("container %s uses the latest tag", [container.name])
}

test_latest_is_denied if {
  count(deny) == 1 with input as {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:latest"}]}}}}
}

test_pinned_is_allowed if {
  count(deny) == 0 with input as {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
}
`;

describe("mergegate policy", () => {
  const repo = writeRepo({
    "policy/main.rego": policy,
    "policy/limits/data.yaml": "maxReplicas: 10\n",
    "input.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:latest\n",
    "broken/bad.rego": "package bad\n\nallow if {\n  input.x ==\n}\n",
    "failing/f.rego": "package f\n\ntest_wrong if {\n  1 == 2\n}\n",
    "printing/p.rego": 'package printing\n\np if {\n  print("checking", input.kind)\n}\n\nbig := 100000000000000000000001\n',
    "numbers/n.rego": "package numbers\n\nwritten := input.written\n\ndifference := 0.3 - 0.1\n\nmarshalled := json.marshal(input)\n",
    "numbers/input.json": '{"written": [1.0, 1e3, 0.10], "big": 123456789012345678901234567890}\n',
    "v0/gk.rego": 'package k8s\n\nviolation[{"msg": msg}] {\n  input.review.object.kind == "Pod"\n  msg := "no pods"\n}\n',
  });
  afterAll(() => repo.remove());

  it("eval prints opa eval's JSON shape, with data files under their folder", () => {
    const run = mergegate(["policy", "eval", "-d", "policy", "-i", "input.yaml", "data.main.deny"], { cwd: repo.root });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      result: [{ expressions: [{ value: ["container web uses the latest tag"], text: "data.main.deny", location: { row: 1, col: 1 } }] }],
    });
    const data = mergegate(["policy", "eval", "-d", "policy", "x := data.limits.maxReplicas"], { cwd: repo.root });
    expect(JSON.parse(data.stdout)).toEqual({ result: [{ expressions: [{ value: true, text: "x := data.limits.maxReplicas", location: { row: 1, col: 1 } }], bindings: { x: 10 } }] });
    expect(JSON.parse(mergegate(["policy", "eval", "-d", "policy", "data.main.nothing"], { cwd: repo.root }).stdout)).toEqual({});
  });

  it("eval writes print() output to stderr, as opa eval does, and big integers exactly", () => {
    const run = mergegate(["policy", "eval", "-d", "printing", "-i", "input.yaml", "data.printing"], { cwd: repo.root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("checking Deployment\n");
    expect(run.stdout).toContain('"big": 100000000000000000000001,');
    expect(JSON.parse(run.stdout).result[0].expressions[0].value.p).toBe(true);
  });

  it("eval writes numbers as the text they keep, from a JSON input and from big.Float arithmetic, as opa eval does", () => {
    const run = mergegate(["policy", "eval", "-d", "numbers", "-i", "numbers/input.json", "data.numbers"], { cwd: repo.root });
    expect(run.code).toBe(0);
    const value = run.stdout.replace(/\s+/g, "");
    expect(value).toContain('"written":[1.0,1e3,0.10]');
    expect(value).toContain('"difference":0.20000000000000000002');
    expect(value).toContain('"marshalled":"{\\"big\\":123456789012345678901234567890,\\"written\\":[1.0,1e3,0.10]}"');
  });

  it("eval reads v0 modules with --rego-version v0", () => {
    const run = mergegate(["policy", "eval", "--rego-version", "v0", "-d", "v0", "data.k8s.violation"], { cwd: repo.root });
    expect(JSON.parse(run.stdout)).toEqual({ result: [{ expressions: [{ value: [], text: "data.k8s.violation", location: { row: 1, col: 1 } }] }] });
  });

  it("a parse error exits 2 with one line naming file:line:col", () => {
    const run = mergegate(["policy", "eval", "-d", "broken", "data.bad.allow"], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mergegate: broken\/bad\.rego:5:1: rego_parse_error: .+\n$/);
  });

  it("test runs test_* rules: exit 0 when all pass, 1 with the failing test at its line", () => {
    const passing = mergegate(["policy", "test", "policy", "--format", "json"], { cwd: repo.root });
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout)).toEqual({
      total: 2,
      passed: 2,
      failed: 0,
      tests: [
        { file: "policy/main.rego", line: 10, package: "data.main", name: "test_latest_is_denied", status: "pass", message: null },
        { file: "policy/main.rego", line: 14, package: "data.main", name: "test_pinned_is_allowed", status: "pass", message: null },
      ],
    });
    const failing = mergegate(["policy", "test", "failing"], { cwd: repo.root });
    expect(failing).toMatchObject({ code: 1, stdout: "failing/f.rego:3: FAIL data.f.test_wrong (undefined)\nFAIL: 0/1\n" });
  });
});

describe.runIf(hasShared())("mergegate policy conformance", () => {
  const category = path.join(sharedRoot, "conformance/opa/elsekeyword");

  it("reports per case in JSON and honours --min-pass-rate", () => {
    const run = mergegate(["policy", "conformance", category, "--format", "json"]);
    const report = JSON.parse(run.stdout) as { total: number; passed: number; cases: { status: string }[] };
    expect(report.total).toBe(report.cases.length);
    expect(report.total).toBeGreaterThan(5);
    expect(run.code).toBe(0);
    expect(mergegate(["policy", "conformance", category, "--min-pass-rate", "101%"]).code).toBe(2);
    const rate = report.passed / report.total;
    expect(mergegate(["policy", "conformance", category, "--min-pass-rate", String(rate)]).code).toBe(0);
    if (rate < 1) expect(mergegate(["policy", "conformance", category, "--min-pass-rate", "1"]).code).toBe(1);
    expect(mergegate(["policy", "conformance", category]).stdout).toMatch(/^elsekeyword\s+\d+\/\d+\s+[\d.]+%\ntotal: \d+\/\d+ passed/);
  });
});
