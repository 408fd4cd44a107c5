// The `mergegate` command as a user runs it: exit codes, one-line errors, output files.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("mergegate check", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = writeRepo({ "app/cm.yaml": configMap("web"), "app/broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n" });
  });
  afterAll(() => repo.remove());

  it("reports broken YAML as a finding at file:line and exits 1", () => {
    const run = mergegate(["check", repo.root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}app\/broken\.yaml:\d+:\d+ {2}error {4}yaml\/parse-error {2}invalid YAML: /m);
    expect(run.stdout).toMatch(/✖ fail: 1 error/);
  });

  it("passes a clean repo with exit 0", () => {
    const clean = writeRepo({ "cm.yaml": configMap("web") });
    try {
      const run = mergegate(["check", clean.root]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^✔ pass: 0 errors/m);
    } finally {
      clean.remove();
    }
  });

  it("writes --output atomically and prints nothing", () => {
    const output = path.join(repo.root, "report.json");
    const run = mergegate(["check", repo.root, "--format", "json", "--output", output]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(output, "utf8"))).toMatchObject({ version: 1, verdict: { status: "fail", exitCode: 1 } });
  });

  it("--fail-on never turns the verdict into a pass", () => {
    expect(mergegate(["check", repo.root, "--fail-on", "never"]).code).toBe(0);
  });

  it.each([
    [["check", "--frobnicate"], /^mergegate: unknown option '--frobnicate'\n$/],
    [["check", ".", "--format", "xml"], /^mergegate: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif, junit, markdown, github\.\n$/],
    [["check", ".", "--fail-on", "sometimes"], /^mergegate: option '--fail-on <level>' argument 'sometimes' is invalid\./],
    [["check", "does/not/exist"], /^mergegate: does\/not\/exist: no such directory\n$/],
    [["launch"], /^mergegate: unknown command 'launch'\n$/],
  ])("%j exits 2 with one line", (args, message) => {
    const run = mergegate(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an invalid mergegate.yaml exits 2 naming file and line", () => {
    const bad = writeRepo({ "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: x\n    failon: warning\n" });
    try {
      const run = mergegate(["check", bad.root]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^mergegate: .*mergegate\.yaml:3: invalid config: environments\.prod: unknown key "failon"\n$/);
    } finally {
      bad.remove();
    }
  });

  it("--config names a missing file", () => {
    const run = mergegate(["check", repo.root, "--config", "nope.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("mergegate: nope.yaml: config file not found\n");
  });

  it("--env selects environments and rejects unknown ones", () => {
    const run = mergegate(["check", repo.root, "--env", "qa"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mergegate: unknown environment "qa" (known: default)\n');
  });

  it("exits 2 when an environment needs kustomize and neither kustomize nor kubectl is installed", () => {
    const kustomized = writeRepo({ "app/kustomization.yaml": "resources:\n- cm.yaml\n", "app/cm.yaml": configMap("ok") });
    try {
      const run = mergegate(["check", kustomized.root], { env: { PATH: "/nonexistent" } });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("mergegate: no kustomize renderer: install kustomize or kubectl (which has `kubectl kustomize`)\n");
    } finally {
      kustomized.remove();
    }
  });

  it("--version and --help", () => {
    expect(mergegate(["--version"])).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    const help = mergegate(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--fail-on <level>");
    expect(existsSync(repo.root)).toBe(true);
  });
});
