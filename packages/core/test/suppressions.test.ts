// One suppression model: inline allows, waivers and the baseline — applied, expiring, reported when stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GateError } from "../src/errors.js";
import { runGate } from "../src/gate.js";
import { rules as allRules } from "../src/checks/registry.js";
import { formatResult } from "../src/report/formats.js";
import { appendWaiver, pruneBaseline, writeBaseline } from "../src/verdict/suppressions/commands.js";
import { inlineAllowsOf } from "../src/verdict/suppressions/inline.js";
import { hasTool } from "../../../test/support/tools.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";
import { short } from "./rule-tester.js";

// Tests run offline (vitest.config.ts): the schema check's one "no schema source" notice is not what these tests are about.
const rules = allRules.filter((rule) => rule.meta.id !== "schema/no-source");
const schemaNoticeOff = "version: 1\nrules:\n  schema/no-source: { severity: off }\n";

const configMap = (name: string, comment = ""): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}${comment}\n`;
const today = new Date("2026-11-22T12:00:00Z");

let repo: TempRepo | null = null;
afterEach(() => repo?.remove());

async function check(files: Record<string, string>, options: { strictSuppressions?: boolean; now?: Date } = {}) {
  repo?.remove();
  repo = writeRepo(files);
  return runGate({ rules, repo: repo.root, now: options.now ?? today, ...options });
}

describe("inline allows", () => {
  it("parses rule ids, check names and reasons", () => {
    expect(inlineAllowsOf("a.yaml", "x: 1  # mergegate:allow k8s/invalid-name, yaml -- legacy client\n# mergegate:allow k8s\n")).toEqual([
      { file: "a.yaml", line: 1, column: 7, targets: ["k8s/invalid-name", "yaml"], reason: "legacy client" },
      { file: "a.yaml", line: 2, column: 1, targets: ["k8s"], reason: null },
    ]);
  });

  it("suppress a finding on their line or the line below, by rule or check", async () => {
    const result = await check({
      "a.yaml": configMap("Bad_A", "  # mergegate:allow k8s/invalid-name -- kept for the legacy client"),
      "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  # mergegate:allow k8s -- scratch config\n  name: Bad_B\n",
      "c.yaml": configMap("Bad_C"),
    });
    expect(result.findings.map((finding) => [finding.location?.file, finding.suppression])).toEqual([
      ["a.yaml", { kind: "inline", reason: "kept for the legacy client", owner: null, expires: null }],
      ["b.yaml", { kind: "inline", reason: "scratch config", owner: null, expires: null }],
      ["c.yaml", null],
    ]);
    expect(result.verdict.counts).toEqual({ error: 1, warning: 0, info: 0, suppressed: 2, unchanged: 0 });
  });

  it("keep suppressing after lines are added above", async () => {
    const result = await check({ "a.yaml": "# a new header\n# and another\n\n" + configMap("Bad_A", "  # mergegate:allow k8s/invalid-name -- legacy") });
    expect(result.findings.map((finding) => [finding.location?.line, finding.suppression?.kind])).toEqual([[7, "inline"]]);
    expect(result.verdict.status).toBe("pass");
  });

  it("report a missing reason (warning) and allows that match nothing (info, error when strict)", async () => {
    const files = { "a.yaml": configMap("Bad_A", "  # mergegate:allow k8s/invalid-name"), "b.yaml": "# mergegate:allow yaml/parse-error -- was broken once\nkey: value\n" };
    const result = await check(files);
    expect(result.findings.map(short)).toEqual([
      { rule: "suppression/missing-reason", env: null, at: "a.yaml:4:16", message: 'inline allow of k8s/invalid-name has no reason (add " -- <reason>")' },
      { rule: "suppression/unused", env: null, at: "b.yaml:1:1", message: "inline allow of yaml/parse-error matches no finding" },
      expect.objectContaining({ rule: "k8s/invalid-name", at: "a.yaml:4:3" }),
    ]);
    expect(result.findings[2]?.suppression?.kind).toBe("inline");
    expect(result.findings[1]?.severity).toBe("info");
    expect(result.verdict.status).toBe("pass");
    const strict = await check(files, { strictSuppressions: true });
    expect(strict.findings.find((finding) => finding.rule === "suppression/unused")?.severity).toBe("error");
    expect(strict.verdict.status).toBe("fail");
  });
});

describe("waivers", () => {
  const waivers = (expires: string) =>
    [
      "- rule: k8s/invalid-name",
      "  resource: { kind: ConfigMap, name: Bad_* }",
      "  reason: migration to new names in ACME-42",
      "  owner: platform@acme.example",
      `  expires: ${expires}`,
      "- rule: yaml/duplicate-key",
      "  file: docs/**",
      "  reason: docs examples",
      "  owner: docs@acme.example",
      "  expires: 2027-01-31",
      "",
    ].join("\n");

  it("apply through their expiry day with reason, owner and expiry; unused ones are reported", async () => {
    const result = await check({ ".mergegate/waivers.yaml": waivers("2026-11-22"), "a.yaml": configMap("Bad_A") });
    expect(result.findings.map((finding) => [finding.rule, finding.location?.file, finding.location?.line, finding.suppression])).toEqual([
      ["suppression/unused", ".mergegate/waivers.yaml", 6, null],
      ["k8s/invalid-name", "a.yaml", 4, { kind: "waiver", reason: "migration to new names in ACME-42", owner: "platform@acme.example", expires: "2026-11-22" }],
    ]);
    expect(result.verdict.status).toBe("pass");
  });

  it("once expired, stop applying: the verdict fails again and waiver/expired points at the waiver", async () => {
    const result = await check({ ".mergegate/waivers.yaml": waivers("2026-11-21"), "a.yaml": configMap("Bad_A") });
    expect(result.findings.map(short)).toEqual([
      {
        rule: "waiver/expired",
        env: null,
        at: ".mergegate/waivers.yaml:1:3",
        message: "waiver of k8s/invalid-name expired on 2026-11-21 (owner platform@acme.example): migration to new names in ACME-42",
      },
      expect.objectContaining({ rule: "suppression/unused", at: ".mergegate/waivers.yaml:6:3" }),
      expect.objectContaining({ rule: "k8s/invalid-name", at: "a.yaml:4:3" }),
    ]);
    expect(result.findings[2]?.suppression).toBeNull();
    expect(result.verdict.status).toBe("fail");
  });

  it("an invalid waivers file is a gate error at its line", async () => {
    repo = writeRepo({ ".mergegate/waivers.yaml": "- rule: k8s/invalid-name\n  reason: x\n  expires: someday\n" });
    const error = await runGate({ rules, repo: repo.root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GateError);
    expect((error as GateError).oneLine()).toBe('.mergegate/waivers.yaml:3: invalid waivers file: 0.expires: must match format "date"');
  });

  it("mergegate waive appends a valid waiver, owner from git config, and rejects past dates", async () => {
    repo = writeRepo({ "a.yaml": configMap("Bad_A"), ".mergegate/waivers.yaml": "# ours\n- rule: yaml\n  reason: keep\n  expires: 2027-01-01" });
    const file = await appendWaiver({
      repo: repo.root,
      waiver: { rule: "k8s/invalid-name", env: "default", resource: { kind: "ConfigMap", name: "Bad_A" }, reason: "legacy", expires: "2026-12-31", owner: "me@acme.example" },
      now: today,
    });
    expect(readFileSync(file, "utf8")).toBe(
      "# ours\n- rule: yaml\n  reason: keep\n  expires: 2027-01-01\n- rule: k8s/invalid-name\n  env: default\n  resource:\n    kind: ConfigMap\n    name: Bad_A\n  reason: legacy\n  expires: 2026-12-31\n  owner: me@acme.example\n",
    );
    const result = await runGate({ rules, repo: repo.root, now: today });
    expect(result.findings.find((finding) => finding.rule === "k8s/invalid-name")?.suppression?.kind).toBe("waiver");
    await expect(appendWaiver({ repo: repo.root, waiver: { rule: "k8s", reason: "r", expires: "2026-11-21" }, now: today })).rejects.toThrow("is in the past");
  });
});

describe.runIf(hasTool("git"))("baseline", () => {
  it("suppresses by fingerprint after edits above and after a squash-merged history; prune drops stale entries", async () => {
    repo = writeRepo({ "apps/a.yaml": configMap("Bad_A"), "apps/b.yaml": configMap("Bad_B"), "mergegate.yaml": schemaNoticeOff });
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", args, { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@x", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@x" } });
    git(repo.root, "init", "-q");
    const written = await writeBaseline({ repo: repo.root }, null);
    expect(written.written).toBe(2);
    // edit above the finding, fix one of them, and squash the history into one new commit
    writeFileSync(path.join(repo.root, "apps/a.yaml"), "# moved down by a comment\n\n" + configMap("Bad_A"));
    writeFileSync(path.join(repo.root, "apps/b.yaml"), configMap("fixed-b"));
    git(repo.root, "add", "-A");
    git(repo.root, "commit", "-q", "-m", "squashed");
    const result = await runGate({ rules, repo: repo.root });
    expect(result.findings.map((finding) => [finding.rule, finding.location?.file, finding.suppression?.kind ?? null])).toEqual([
      ["suppression/unused", ".mergegate/baseline.json", null],
      ["k8s/invalid-name", "apps/a.yaml", "baseline"],
    ]);
    expect(result.verdict.status).toBe("pass");
    expect((await pruneBaseline({ repo: repo.root })).removed).toBe(1);
    const after = JSON.parse(readFileSync(written.file, "utf8")) as { fingerprints: unknown[] };
    expect(after.fingerprints).toHaveLength(1);
    expect((await runGate({ rules, repo: repo.root })).findings.map((finding) => finding.rule)).toEqual(["k8s/invalid-name"]);
  });
});

describe("suppressed findings in the outputs", () => {
  it("keep their place in JSON and appear in a separate text section, hidden by --quiet", async () => {
    const result = await check({ "a.yaml": configMap("Bad_A", "  # mergegate:allow k8s -- legacy"), "b.yaml": configMap("Bad_B") });
    const json = JSON.parse(formatResult(result, "json")) as { findings: { suppression: unknown }[]; verdict: { counts: unknown } };
    expect(json.findings.map((finding) => finding.suppression)).toEqual([{ kind: "inline", reason: "legacy", owner: null, expires: null }, null]);
    expect(json.verdict.counts).toEqual({ error: 1, warning: 0, info: 0, suppressed: 1, unchanged: 0 });
    const text = formatResult(result, "text");
    expect(text).toContain("suppressed\n  a.yaml:4:3  error    k8s/invalid-name  ");
    expect(text).toContain("[default] — inline: legacy");
    expect(formatResult(result, "text", { color: false, quiet: true })).not.toContain("a.yaml");
  });
});
