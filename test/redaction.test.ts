// Redaction by structure (issue 18, problems 1 and 2): values are replaced where they stand, every format stays
// valid and keeps its paths whatever the values, detected credentials are redacted in render, diff (base side
// included), shard files, merge and policy eval; markers and fingerprints are keyed per repository.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNames, formatResult } from "../packages/core/src/report/formats.js";
import { markerOf, redactionFor } from "../packages/core/src/report/redact.js";
import { redactionKeyOf } from "../packages/core/src/report/redaction-key.js";
import { runGate } from "../packages/core/src/gate.js";
import type { GateResult } from "../packages/core/src/types.js";
import { mergegate } from "./support/cli.js";
import { fakeCredentials, fakeToken, seededRandom } from "./support/fake-secrets.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const commonValues = { username: "deploy", enabled: "true", level: "warning", result: "error", verdict: "fail", tag: "<b>&", pin: "1234", severity: "severity" };

const secretYaml = (name: string, values: Record<string, string>): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n${Object.entries(values).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`).join("\n")}\n`;

/** A Deployment with a bad name (a k8s finding in every format) in a file whose name holds a Secret value. */
const patchYaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  mode: deployment\n";

/** Credentials of the families the detectors know, generated at test time. */
function credentials(seed: number): Record<string, string> {
  const random = seededRandom(seed);
  const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const { awsKeyId, password, githubToken } = fakeCredentials(seed);
  return {
    awsKeyId,
    jwt: `eyJ${fakeToken(random, base64url, 20)}.eyJ${fakeToken(random, base64url, 30)}.${fakeToken(random, base64url, 40)}`,
    urlPassword: password,
    slack: `xoxb-${fakeToken(random, "0123456789", 12)}-${fakeToken(random, "0123456789", 12)}-${fakeToken(random, base64url.slice(0, 62), 24)}`,
    githubToken,
  };
}

function credentialConfigMap(values: Record<string, string>): string {
  return [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: app-settings",
    "data:",
    `  aws: ${values["awsKeyId"]}`,
    `  session: ${values["jwt"]}`,
    `  database: postgres://app:${values["urlPassword"]}@db.internal:5432/app`,
    `  slack: ${values["slack"]}`,
    "---",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "      - name: web",
    "        image: web:1.0",
    "        env:",
    "        - name: API_TOKEN",
    `          value: ${values["githubToken"]}`,
    "",
  ].join("\n");
}

describe("markers", () => {
  it("short values have no hash; longer ones are keyed per repository and stable", () => {
    expect(markerOf("k1", "1234")).toBe("<redacted>");
    expect(markerOf("k1", "a-longer-value")).toMatch(/^<redacted sha256:[0-9a-f]{8}>$/);
    expect(markerOf("k1", "a-longer-value")).toBe(markerOf("k1", "a-longer-value"));
    expect(markerOf("k1", "a-longer-value")).not.toBe(markerOf("k2", "a-longer-value"));
  });

  it("replaces a known value only as a whole token, never inside another word", () => {
    const redaction = redactionFor("k", ["dep10y", "s3cret-value"]);
    expect(redaction.text("dep10yment-patch.yaml")).toBe("dep10yment-patch.yaml");
    expect(redaction.text("user dep10y failed with s3cret-value")).toBe(`user <redacted> failed with ${markerOf("k", "s3cret-value")}`);
    expect(redaction.text("xs3cret-value")).toBe("xs3cret-value");
  });

  it("searches free text for short plain words only in their own Secret's messages, never everywhere", () => {
    expect(redactionFor("k", ["error", "true"]).text("evaluation error: true")).toBe("evaluation error: true");
    expect(redactionFor("k", ["error", "true"], 1).text("evaluation error: true")).toBe("evaluation <redacted>: <redacted>");
    expect(redactionFor("k", ["error"]).text("error")).toBe("<redacted>");
  });

  it("keys by the root commit in git and by the absolute folder outside it", () => {
    const plain = writeRepo({ "a.yaml": "a: 1\n" });
    try {
      expect(redactionKeyOf(plain.root)).toContain(path.resolve(plain.root));
    } finally {
      plain.remove();
    }
  });
});

describe.runIf(hasTool("git"))("the key is the root commit", () => {
  it("is the same in a clone at another path", () => {
    const repo = gitRepo({ "a.yaml": "a: 1\n" });
    const clone = mkdtempSync(path.join(os.tmpdir(), "mergegate-clone-"));
    try {
      const root = repo.commit("root");
      repo.git("clone", "-q", repo.root, path.join(clone, "copy"));
      expect(redactionKeyOf(repo.root)).toContain(root);
      expect(redactionKeyOf(path.join(clone, "copy"))).toBe(redactionKeyOf(repo.root));
    } finally {
      repo.remove();
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe("every format stays valid whatever the Secret values", () => {
  let repo: TempRepo;
  let result: GateResult;
  beforeAll(async () => {
    repo = writeRepo({ "secret.yaml": secretYaml("common", commonValues), "deployment-patch.yaml": patchYaml });
    result = await runGate({ repo: repo.root });
  });
  afterAll(() => repo.remove());

  it.each(formatNames)("%s keeps file names, parses, and shows no value", (format) => {
    const output = formatResult(result, format);
    expect(output).toContain("deployment-patch.yaml");
    expect(output).toContain("Bad_Name");
    expect(output).not.toMatch(/<redacted[^>]*>(ment|s\b)/);
    if (format === "json" || format === "sarif") expect(() => JSON.parse(output)).not.toThrow();
    if (format === "junit") expect(XMLValidator.validate(output)).toBe(true);
    if (format === "github") for (const line of output.split("\n").filter((entry) => entry.startsWith("::"))) expect(line).toMatch(/^::(error|warning|notice) (file|title)=/);
    if (format === "json") expect((JSON.parse(output) as { verdict: { status: string } }).verdict.status).toBe("fail");
  });

  it("redacts a short Secret value in a message about that Secret", async () => {
    const own = writeRepo({ "secret.yaml": secretYaml("pin", { pin: "1234" }), "mergegate.yaml": "version: 1\n" });
    try {
      const findings = (await runGate({ repo: own.root })).findings;
      expect(findings.some((finding) => finding.rule === "secrets/plaintext-k8s-secret")).toBe(true);
      expect(JSON.stringify(findings)).not.toMatch(/\b1234\b/);
    } finally {
      own.remove();
    }
  });
});

describe("secret findings' fingerprints are keyed per repository", () => {
  it("equal across runs, different in another repository with the same content", async () => {
    const files = { "secret.yaml": secretYaml("db", { password: "a-long-enough-password" }) };
    const one = writeRepo(files);
    const two = writeRepo(files);
    try {
      const fingerprint = async (root: string): Promise<string | undefined> =>
        (await runGate({ repo: root })).findings.find((finding) => finding.rule === "secrets/plaintext-k8s-secret")?.fingerprint;
      const first = await fingerprint(one.root);
      expect(first).toMatch(/^[0-9a-f]{16}$/);
      expect(await fingerprint(one.root)).toBe(first);
      expect(await fingerprint(two.root)).not.toBe(first);
    } finally {
      one.remove();
      two.remove();
    }
  });
});

describe("merge: a Secret value never changes a merged verdict", () => {
  it("shards of a failing run merge to the same failing verdict and findings", () => {
    const repo = writeRepo({
      "envs/dev/secret.yaml": secretYaml("verdict", { a: "error", b: "fail", c: "severity", d: "true" }),
      "envs/prod/cm.yaml": patchYaml,
    });
    try {
      const shards = [1, 2].map((index) => {
        const file = path.join(repo.root, `..`, `${path.basename(repo.root)}-shard-${index}.json`);
        mergegate(["check", repo.root, "--shard", `${index}/2`, "--format", "json", "--output", file]);
        return file;
      });
      const merged = mergegate(["merge", ...shards, "--format", "json"]);
      const whole = mergegate(["check", repo.root, "--format", "json"]);
      expect(merged.code).toBe(1);
      expect(whole.code).toBe(1);
      // findings with a place (run-level summaries such as schema/no-source count each shard's own objects)
      const parsed = (text: string): unknown => (JSON.parse(text) as { findings: { location: unknown }[] }).findings.filter((finding) => finding.location !== null);
      expect(parsed(merged.stdout)).toEqual(parsed(whole.stdout));
      for (const file of shards) rmSync(file, { force: true });
    } finally {
      repo.remove();
    }
  });
});

describe("detected credentials are redacted outside the check reports", () => {
  const values = credentials(1818);
  let repo: TempRepo;
  beforeAll(() => {
    repo = writeRepo({ "app.yaml": credentialConfigMap(values), "secret.yaml": secretYaml("db", { password: "hunter2-but-longer" }), "pin.yaml": secretYaml("pin", { pin: "42" }) });
  });
  afterAll(() => repo.remove());

  const expectClean = (text: string): void => {
    for (const value of [...Object.values(values), "hunter2-but-longer"]) expect(text).not.toContain(value);
  };

  it.each(["yaml", "json"])("render --format %s", (format) => {
    const run = mergegate(["render", repo.root, "--format", format]);
    expect(run.code).toBe(0);
    expectClean(run.stdout);
    expect(run.stdout).toContain("db.internal:5432");
    expect(run.stdout).toMatch(/pin"?: "?<redacted>"?/);
    if (format === "json") expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it("render --out", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "mergegate-render-out-"));
    try {
      expect(mergegate(["render", repo.root, "--out", out]).code).toBe(0);
      const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.length).toBeGreaterThan(2);
      for (const entry of files) expectClean(readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("policy eval -i prints a Secret redacted", () => {
    const run = mergegate(["policy", "eval", "input", "-i", path.join(repo.root, "secret.yaml")]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("hunter2-but-longer");
    expect(run.stdout).toContain("<redacted sha256:");
  });
});

describe.runIf(hasTool("git"))("diff and check --base redact the base side", () => {
  const values = credentials(1819);
  let repo: GitRepo;
  beforeAll(() => {
    repo = gitRepo({ "app.yaml": credentialConfigMap(values) });
    repo.commit("base with credentials");
    repo.write({ "app.yaml": credentialConfigMap(Object.fromEntries(Object.entries(credentials(77)).map(([name]) => [name, `replaced-${name}`]))) });
  });
  afterAll(() => repo.remove());

  it.each([
    ["check", "markdown"],
    ["check", "json"],
    ["diff", "json"],
    ["diff", "text"],
    ["diff", "markdown"],
  ])("%s --format %s", (command, format) => {
    const run = mergegate([command, repo.root, "--base", "HEAD", "--format", format]);
    expect(run.stderr).not.toMatch(/internal error/);
    if (!(command === "check" && format === "json")) expect(run.stdout).toContain("app-settings"); // json has counts only
    for (const value of Object.values(values)) expect(run.stdout).not.toContain(value);
  });
});
