import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGate } from "../src/gate.js";
import { rules as allRules } from "../src/checks/registry.js";
import { formatDiffMarkdown } from "../src/report/diff/markdown.js";
import { formatNames, formatResult } from "../src/report/formats.js";
import { markerOf } from "../src/report/redact.js";
import { redactionKeyOf } from "../src/report/redaction-key.js";
import type { GateResult } from "../src/types.js";
import { fakeCredentials } from "../../../test/support/fake-secrets.js";
import { hasTool } from "../../../test/support/tools.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";
import { gitRepo, type GitRepo } from "../../../test/support/git-repo.js";

// Tests run offline (vitest.config.ts): the schema check's one "no schema source" notice is not what these tests are about.
const rules = allRules.filter((rule) => rule.meta.id !== "schema/no-source");

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

describe("text and json formats", () => {
  let repo: TempRepo;
  let result: GateResult;
  beforeAll(async () => {
    repo = writeRepo({
      "envs/dev/cm.yaml": configMap("Bad_Name"),
      "envs/prod/cm.yaml": configMap("Bad_Name"),
      "envs/prod/other.yaml": configMap("ok") + "---\n" + configMap("ok"),
      "notes.yaml": "a: 1\na: 2\n",
    });
    result = await runGate({ rules, repo: repo.root });
  });
  afterAll(() => repo.remove());

  it("text groups identical findings across environments, by file, with a summary line", () => {
    const text = formatResult(result, "text");
    expect(text).toBe(
      [
        "files",
        '  notes.yaml:2:1  error    yaml/duplicate-key  duplicate key "a" in this mapping',
        "",
        "dev",
        "  envs/dev/cm.yaml:4:3  error    k8s/invalid-name  ConfigMap name \"Bad_Name\" must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit",
        "",
        "prod",
        "  envs/prod/cm.yaml:4:3  error    k8s/invalid-name  ConfigMap name \"Bad_Name\" must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit",
        "",
        "  envs/prod/other.yaml:8:1  error    k8s/duplicate-resource  ConfigMap ok is defined more than once (first defined in envs/prod/other.yaml)",
        "",
        "✖ fail: 4 errors, 0 warnings, 0 info, 0 suppressed — 2 environments (dev fail, prod fail, files ✖ 1E)",
        "",
      ].join("\n"),
    );
    expect(text).not.toContain("\u001b[");
    expect(formatResult(result, "text", { color: true })).toContain("\u001b[31m");
  });

  it("text prints a finding shared by several environments once, under all of them", async () => {
    const shared = writeRepo({
      "mergegate.yaml": "version: 1\nenvironments:\n  dev: { path: apps }\n  prod: { path: apps }\n",
      "apps/cm.yaml": configMap("Bad_Name"),
    });
    try {
      const text = formatResult(await runGate({ rules, repo: shared.root }), "text");
      expect(text.split("\n").slice(0, 2)).toEqual(["dev, prod", expect.stringMatching(/^  apps\/cm\.yaml:4:3  error    k8s\/invalid-name  /)]);
      expect(text).toContain("2 errors");
    } finally {
      shared.remove();
    }
  });

  it("json has the documented shape, every finding key present", () => {
    const json = JSON.parse(formatResult(result, "json")) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["version", "tool", "verdict", "environments", "findings", "diff"]);
    expect(json["version"]).toBe(1);
    expect(json["verdict"]).toEqual({ status: "fail", exitCode: 1, counts: { error: 4, warning: 0, info: 0, suppressed: 0, unchanged: 0 } });
    expect((json["environments"] as unknown[])[0]).toEqual({
      name: "dev",
      path: "envs/dev",
      renderer: "plain",
      status: "fail",
      failOn: "error",
      counts: { error: 1, warning: 0, info: 0, suppressed: 0, unchanged: 0 },
      skippedReason: null,
      sources: ["envs/dev/cm.yaml"],
      production: false,
    });
    const findings = json["findings"] as Record<string, unknown>[];
    for (const finding of findings) {
      expect(Object.keys(finding).sort()).toEqual(
        ["baselineState", "check", "env", "fingerprint", "help", "location", "message", "path", "resource", "rule", "severity", "suppression"].sort(),
      );
      expect(finding["fingerprint"]).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(findings[1]).toMatchObject({
      check: "k8s",
      rule: "k8s/invalid-name",
      env: "dev",
      resource: { apiVersion: "v1", kind: "ConfigMap", namespace: null, name: "Bad_Name" },
      location: { file: "envs/dev/cm.yaml", line: 4, column: 3, endLine: 4, endColumn: 7 },
      path: "/metadata/name",
      baselineState: null,
    });
    expect(json["diff"]).toBeNull();
  });

  it("fingerprints do not depend on lines", async () => {
    const shifted = writeRepo({ "envs/dev/cm.yaml": "# moved down\n\n" + configMap("Bad_Name"), "envs/prod/x.yaml": configMap("x") });
    try {
      const moved = await runGate({ rules, repo: shifted.root, envs: ["dev"] });
      const original = result.findings.find((finding) => finding.env === "dev");
      expect(moved.findings[0]?.location?.line).toBe(6);
      expect(moved.findings[0]?.fingerprint).toBe(original?.fingerprint);
    } finally {
      shifted.remove();
    }
  });
});

describe.runIf(hasTool("kubectl"))("redaction, a contract of every format", () => {
  const secrets = fakeCredentials(20261122);
  let repo: TempRepo;
  let result: GateResult;
  beforeAll(async () => {
    repo = writeRepo({
      "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: overlays/prod\n  platform:\n    path: platform\n",
      "base/kustomization.yaml": "resources:\n- secret.yaml\nsecretGenerator:\n- name: aws\n  literals:\n  - AWS_SECRET_ACCESS_KEY=" + secrets.awsSecret + "\n",
      "base/secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${secrets.password}\n`,
      // kustomize echoes a broken inline patch — with the secret in it — in its error message
      "overlays/prod/kustomization.yaml": [
        "resources:",
        "- ../../base",
        "patches:",
        "- target: {kind: Secret}",
        "  patch: |-",
        "    apiVersion: v1",
        "    kind: Secret",
        "    metadata:",
        "      name: db",
        "    stringData:",
        `      token: ${secrets.githubToken}`,
        "     broken: [",
        "",
      ].join("\n"),
      "platform/secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: Bad_Name\ndata:\n  key: ${Buffer.from(secrets.awsKeyId).toString("base64")}\n  key: ${Buffer.from(secrets.awsKeyId).toString("base64")}\n`,
    });
    result = await runGate({ rules, repo: repo.root });
  });
  afterAll(() => repo.remove());

  it("the repo really puts a secret into a finding's message, which is redacted where it stands", async () => {
    const marker = markerOf(redactionKeyOf(repo.root), secrets.githubToken);
    expect(result.findings.some((finding) => finding.rule === "render/failed" && finding.message.includes(marker))).toBe(true);
  });

  it.each(formatNames)("%s output contains no secret value", async (format) => {
    const output = formatResult(result, format);
    expect(output.length).toBeGreaterThan(0);
    for (const value of [secrets.password, secrets.githubToken, secrets.awsSecret, secrets.awsKeyId]) {
      expect(output).not.toContain(value);
      expect(output).not.toContain(Buffer.from(value).toString("base64"));
    }
    // the marker, escaped as its format escapes any text (JUnit writes &lt;redacted …&gt;)
    expect(output).toContain(markerOf(redactionKeyOf(repo.root), secrets.githubToken).slice("<redacted ".length, -1));
  });
});

describe.runIf(hasTool("git"))("markdown within a budget", () => {
  let repo: GitRepo;
  let result: GateResult;
  beforeAll(async () => {
    const allow = "metadata:\n  # mergegate:allow k8s/invalid-name -- legacy name kept for the old worker\n";
    const suppressed = Array.from({ length: 40 }, (_, index) => configMap(`Legacy_${index}`).replace("metadata:\n", allow));
    repo = gitRepo({ "envs/dev/legacy.yaml": suppressed.join("---\n") });
    repo.commit("base");
    repo.write({ "envs/dev/many.yaml": Array.from({ length: 300 }, (_, index) => configMap(`settings-${index}`)).join("---\n") });
    result = await runGate({ rules, repo: repo.root, base: "HEAD" });
  });
  afterAll(() => repo.remove());

  it("shows the render diff whole when it fits", () => {
    const markdown = formatResult(result, "markdown", { color: false });
    expect(markdown).toContain("<details><summary>Render diff</summary>");
    expect(markdown.match(/➕ added `ConfigMap settings-\d+`/g) ?? []).toHaveLength(300);
    expect(markdown).not.toContain("Truncated");
  });

  it("leaves out a render diff that does not fit, and says so instead of showing an empty section", () => {
    const markdown = formatResult(result, "markdown", { color: false, maxLength: 12_000 });
    expect(markdown.length).toBeLessThanOrEqual(12_000);
    expect(markdown).toContain("<details><summary>40 suppressed</summary>");
    expect(markdown).not.toContain("Render diff");
    expect(markdown).toContain("> ✂️ Truncated: the render diff not shown to stay within 12000 characters.");
  });

  it("closes a collapsed section whose rows were cut, so the note stays visible", () => {
    const markdown = formatResult(result, "markdown", { color: false, maxLength: 3_000 });
    expect(markdown.length).toBeLessThanOrEqual(3_000);
    const shown = markdown.split("\n").filter((line) => line.includes("`k8s/invalid-name`")).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(40);
    expect(markdown).toMatch(new RegExp(`\\n</details>\\n\\n> ✂️ Truncated: ${40 - shown} more rows and the render diff not shown to stay within 3000 characters\\.`));
  });
});

describe.runIf(hasTool("git"))("the render diff's YAML diffs within a budget", () => {
  let repo: GitRepo;
  let result: GateResult;
  const settings = (index: number, level: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${index}\ndata:\n${Array.from({ length: 20 }, (_, line) => `  k${String(line).padStart(2, "0")}: "${line === 10 ? level : "same"}"\n`).join("")}`;
  beforeAll(async () => {
    repo = gitRepo({ "envs/dev/settings.yaml": Array.from({ length: 30 }, (_, index) => settings(index, "info")).join("---\n") });
    repo.commit("base");
    repo.write({ "envs/dev/settings.yaml": Array.from({ length: 30 }, (_, index) => settings(index, "debug")).join("---\n") });
    result = await runGate({ rules, repo: repo.root, base: "HEAD" });
  });
  afterAll(() => repo.remove());

  it("shows each changed object's unified YAML diff under its field table", () => {
    const markdown = formatResult(result, "markdown", { color: false });
    expect(markdown.match(/```diff\n/g) ?? []).toHaveLength(30);
    expect(markdown).toContain(["  ```diff", "  --- HEAD  ConfigMap settings-0", "  +++ WORKTREE  ConfigMap settings-0", "  @@ -10,7 +10,7 @@"].join("\n"));
    expect(markdown).toContain(["     k09: same", "  -  k10: info", "  +  k10: debug", "     k11: same"].join("\n"));
    expect(markdown).not.toContain("Truncated");
  });

  it("keeps the YAML diffs that fit and names the others in the one truncation note", () => {
    const markdown = formatResult(result, "markdown", { color: false, maxLength: 8_000 });
    expect(markdown.length).toBeLessThanOrEqual(8_000);
    expect(markdown.match(/\| `\/data\/k10` \|/g) ?? []).toHaveLength(30);
    const shown = (markdown.match(/```diff\n/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(30);
    expect(markdown).toContain(`> ✂️ Truncated: ${30 - shown} YAML diffs not shown to stay within 8000 characters.`);
    expect(markdown.match(/✂️/g) ?? []).toHaveLength(1);
  });

  it("does the same in `mergegate diff --format markdown`", () => {
    if (result.diff === null) throw new Error("no diff");
    const markdown = formatDiffMarkdown(result.diff, 6_000);
    expect(markdown.length).toBeLessThanOrEqual(6_000);
    const shown = (markdown.match(/```diff\n/g) ?? []).length;
    expect(markdown).toContain(`> ✂️ Truncated: ${30 - shown} YAML diffs not shown to stay within 6000 characters. Run \`mergegate diff\` locally for everything.`);
  });
});
