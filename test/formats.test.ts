// The CI-facing formats on the example repo and on generated repos: SARIF valid by schema and by Microsoft's
// validator, JUnit well-formed, GitHub's limits respected, markdown within its budget.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { Ajv } from "ajv";
import * as ajvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResult, rules as allRules, runGate, type GateResult } from "../packages/core/src/index.js";
import { hasTool, projectRoot } from "./support/tools.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";

// Tests run offline (vitest.config.ts): the schema check's one "no schema source" notice is not what the limits tests count.
const rules = allRules.filter((rule) => rule.meta.id !== "schema/no-source");
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe.runIf(hasTool("kubectl"))("formats on the example repo", () => {
  let result: GateResult;
  const work = mkdtempSync(path.join(os.tmpdir(), "mergegate-formats-"));
  beforeAll(async () => {
    result = await runGate({ repo: path.join(projectRoot, "examples/acme-gitops") });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("sarif validates against the SARIF 2.1.0 schema", () => {
    const schema = JSON.parse(readFileSync(path.join(projectRoot, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    // ajv-draft-04 is CommonJS: its class is the module's `default` property
    const AjvDraft04 = (ajvDraft04 as unknown as { default: new (options: object) => Ajv }).default;
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(formatResult(result, "sarif")) as { runs: { results: { suppressions?: unknown[]; partialFingerprints: object }[] }[] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBe(result.findings.length);
    expect(results.filter((entry) => entry.suppressions !== undefined)).toHaveLength(result.verdict.counts.suppressed);
  });

  it("sarif passes Microsoft's sarif-multitool validate with no errors or warnings", () => {
    const tool = path.join(projectRoot, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if (!existsSync(tool)) throw new Error("@microsoft/sarif-multitool-linux is not installed (npm ci installs it)");
    chmodSync(tool, 0o755); // npm 11 does not run the package's install script that would do this
    const input = path.join(work, "example.sarif");
    const output = path.join(work, "validation.sarif");
    writeFileSync(input, formatResult(result, "sarif"));
    const run = spawnSync(tool, ["validate", input, "-o", output], { encoding: "utf8", env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" } });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(output, "utf8")) as { runs: { results: { level?: string; message: unknown }[] }[] };
    const problems = (report.runs[0]?.results ?? []).filter((entry) => entry.level === "error" || entry.level === "warning");
    expect(problems).toEqual([]);
  });

  it("junit is well-formed XML with a suite per environment and skipped suppressed cases", () => {
    const xml = formatResult(result, "junit");
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: { "@_failures": string; "@_skipped": string; testsuite: { "@_name": string }[] } };
    expect(parsed.testsuites.testsuite.map((suite) => suite["@_name"])).toEqual(["files", "dev", "staging", "prod", "platform"]);
    expect(Number(parsed.testsuites["@_failures"])).toBe(result.verdict.counts.error + result.verdict.counts.warning);
    expect(Number(parsed.testsuites["@_skipped"])).toBe(result.verdict.counts.suppressed);
  });

  it("markdown has the banner, the environments and the findings", () => {
    const markdown = formatResult(result, "markdown", { color: false, linkBase: "https://github.com/acme/gitops/blob/abc123/" });
    expect(markdown.startsWith("## ❌ mergegate: fail\n")).toBe(true);
    expect(markdown).toContain("| staging | ❌ fail | error | 2 | 0 |");
    expect(markdown).toContain("[`examples/acme-gitops/overlays/staging/feature-flags.yaml:5`](https://github.com/acme/gitops/blob/abc123/examples/acme-gitops/overlays/staging/feature-flags.yaml#L5)");
    expect(markdown).toContain("<details><summary>2 suppressed</summary>");
  });
});

describe("GitHub's limits", () => {
  let repo: TempRepo;
  let result: GateResult;
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`apps/cm-${index}.yaml`] = configMap(`Bad_${index}`);
    for (let index = 0; index < 12; index++) files[`notes/n-${index}.yaml`] = "key: 1\n# mergegate:allow k8s -- a stale allow, reported as unused (info)\n";
    repo = writeRepo(files);
    result = await runGate({ rules, repo: repo.root });
  });
  afterAll(() => repo.remove());

  it("github prints errors first, at most 10 per type, and says how many were left out", () => {
    const lines = formatResult(result, "github").trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith("::notice "))).toHaveLength(11);
    expect(lines[0]).toMatch(/^::error file=apps\/cm-\d+\.yaml,line=4,col=3,endLine=4,endColumn=7,title=k8s\/invalid-name \(default\)::ConfigMap name "Bad_\d+"/);
    expect(lines.at(-2)).toBe("::notice title=mergegate::22 more findings not annotated (GitHub shows 10 per type); see the job summary or the SARIF report");
    expect(lines.at(-1)).toBe("mergegate: fail — 30 errors, 0 warnings, 12 info, 0 suppressed");
  });

  it("markdown stays within its budget with a truncation note", () => {
    const markdown = formatResult(result, "markdown", { color: false, maxLength: 2000 });
    expect(markdown.length).toBeLessThanOrEqual(2000);
    expect(markdown).toMatch(/✂️ Truncated: \d+ more rows not shown to stay within 2000 characters/);
  });
});
