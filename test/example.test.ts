// The bundled example repo: `mergegate check examples/acme-gitops` reports exactly its expected-findings.yaml.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { mergegate } from "./support/cli.js";
import { hasTool, projectRoot } from "./support/tools.js";

const exampleDir = path.join(projectRoot, "examples/acme-gitops");

interface Expected {
  rule: string;
  file: string;
  line: number;
  env: string | null;
  /** Set for deliberate problems that are accepted: the kind of suppression. */
  suppressed?: string;
}

interface JsonFinding {
  rule: string;
  severity: string;
  env: string | null;
  location: { file: string; line: number } | null;
  suppression: { kind: string } | null;
}

/** Finding paths are relative to the git top-level when the example sits in this repo's work tree, else to the example. */
function exampleRelative(file: string): string {
  return file.startsWith("examples/acme-gitops/") ? file.slice("examples/acme-gitops/".length) : file;
}

const key = (entry: Expected): string => `${entry.rule} ${entry.file}:${entry.line} ${entry.env ?? "-"}${entry.suppressed === undefined ? "" : ` (${entry.suppressed})`}`;

describe.runIf(hasTool("kubectl"))("examples/acme-gitops", () => {
  const expected = parse(readFileSync(path.join(exampleDir, "expected-findings.yaml"), "utf8")) as Expected[];
  const run = mergegate(["check", "examples/acme-gitops", "--format", "json"]);

  it("lists its deliberate problems", () => {
    expect(expected.length).toBeGreaterThanOrEqual(4);
  });

  it("reports exactly the expected errors and warnings at their lines, and exits 1", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const found = report.findings
      .filter((finding) => finding.severity !== "info")
      .map((finding) => ({
        rule: finding.rule,
        file: exampleRelative(finding.location?.file ?? ""),
        line: finding.location?.line ?? 0,
        env: finding.env,
        ...(finding.suppression === null ? {} : { suppressed: finding.suppression.kind }),
      }));
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
    expect(expected.filter((entry) => entry.suppressed !== undefined).map((entry) => entry.suppressed).sort()).toEqual(["inline", "waiver"]);
  });

  it("renders every environment of its mergegate.yaml", () => {
    const report = JSON.parse(run.stdout) as { environments: { name: string; renderer: string; skippedReason: string | null }[]; tool: { kustomize: string } };
    expect(report.environments.map(({ name, renderer }) => `${name}:${renderer}`)).toEqual(["dev:kustomize", "staging:kustomize", "prod:kustomize", "platform:plain"]);
    expect(report.environments.every((env) => env.skippedReason === null)).toBe(true);
    expect(report.tool.kustomize).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it("prints the text report a user reads, with the same verdict", () => {
    const text = mergegate(["check", "examples/acme-gitops"]);
    expect(text.code).toBe(1);
    const active = expected.filter((entry) => entry.suppressed === undefined).length;
    const summary = /✖ fail: (\d+) errors?, (\d+) warnings?, \d+ info, (\d+) suppressed/.exec(text.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(active);
    expect(Number(summary?.[3])).toBe(expected.length - active);
    for (const entry of expected) expect(text.stdout).toContain(`${entry.file}:${entry.line}:`);
  });
});
