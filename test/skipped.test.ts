// Skipped is not pass: an environment a change cannot affect is "skipped" with its reason in every format and never
// counts toward the verdict; file-level findings that fail the verdict are an entry of their own.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { mergegate } from "./support/cli.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata: { a: "1" }\n`;
const reason = "not affected by the change: none of its render inputs changed";

describe.runIf(hasTool("git"))("skipped environments", () => {
  let repo: GitRepo;
  beforeEach(() => {
    repo = gitRepo({
      "mergegate.yaml": "version: 1\nenvironments:\n  dev: { path: envs/dev }\n  prod: { path: envs/prod }\n",
      "envs/dev/cm.yaml": configMap("settings"),
      // prod has an old error; a change to dev alone cannot affect prod
      "envs/prod/cm.yaml": configMap("Bad_Name"),
    });
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "change");
    repo.write({ "envs/dev/cm.yaml": configMap("settings-v2") });
    repo.commit("dev: rename");
  });
  afterEach(() => repo.remove());

  const check = (format: string) => mergegate(["check", repo.root, "--base", "main", "--format", format]);

  it("says skipped and why in json, text, markdown, junit and sarif, and passes", () => {
    const json = check("json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { environments: { name: string; status: string; skippedReason: string | null }[] };
    expect(report.environments.map((env) => [env.name, env.status, env.skippedReason])).toEqual([
      ["dev", "pass", null],
      ["prod", "skipped", reason],
    ]);
    const text = check("text").stdout;
    expect(text).toContain("(dev pass, prod skipped)");
    expect(text).toContain(`prod skipped: ${reason}`);
    expect(text).not.toMatch(/prod pass/);
    const markdown = check("markdown").stdout;
    expect(markdown).toContain("| prod | ⏭️ skipped |");
    expect(markdown).toContain(`- ⏭️ **prod** skipped: ${reason}`);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(check("junit").stdout) as { testsuites: { testsuite: { "@_name": string; "@_skipped": string; testcase: unknown }[] } };
    const prod = junit.testsuites.testsuite.find((suite) => suite["@_name"] === "prod");
    expect(prod?.["@_skipped"]).toBe("1");
    expect(JSON.stringify(prod?.testcase)).toContain(`skipped: ${reason}`);
    const sarif = JSON.parse(check("sarif").stdout) as { runs: { properties: { environments: { name: string; status: string; skippedReason: string | null }[] } }[] };
    expect(sarif.runs[0]?.properties.environments).toContainEqual({ name: "prod", status: "skipped", skippedReason: reason });
  });

  it("is not skipped after a waiver edit: the waivers file is an input of every environment's checks", () => {
    repo.write({ ".mergegate/waivers.yaml": "- rule: k8s/invalid-name\n  env: dev\n  reason: r\n  owner: a@example.com\n  expires: 2099-01-01\n" });
    repo.commit("waiver for dev");
    // prod is checked again, so its old error shows as a failing prod, never hidden behind a "pass"
    const report = JSON.parse(check("json").stdout) as { environments: { name: string; status: string; skippedReason: string | null }[] };
    expect(report.environments.map((env) => [env.name, env.status, env.skippedReason])).toEqual([
      ["dev", "pass", null],
      ["prod", "fail", null],
    ]);
  });

  it("shows file-level findings that fail the verdict as their own entry", () => {
    repo.write({ "envs/dev/broken.yaml": "a: 1\na: 2\n" });
    repo.commit("dev: duplicate key");
    const run = check("text");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ fail: 1 error, .*\(dev pass, prod skipped, files ✖ 1E[ )]/);
    expect(check("markdown").stdout).toContain("| files | ❌ fail |");
  });
});
