// `mergegate waive` and `mergegate baseline write|prune` as a user runs them.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

// Tests run offline (vitest.config.ts): the schema check's one "no schema source" notice is not what these tests are about.
const schemaNoticeOff = "version: 1\nrules:\n  schema/no-source: { severity: off }\n";
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
let repo: TempRepo | null = null;
afterEach(() => repo?.remove());

describe("mergegate waive", () => {
  it("appends a waiver that the next check applies", () => {
    repo = writeRepo({ "apps/cm.yaml": configMap("Bad_Name"), "mergegate.yaml": schemaNoticeOff });
    const run = mergegate(["waive", "k8s/invalid-name", repo.root, "--resource", "ConfigMap/Bad_Name", "--reason", "legacy client", "--expires", "2099-12-31", "--owner", "me@acme.example"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(repo.root, ".mergegate/waivers.yaml"), "utf8")).toContain("  resource:\n    kind: ConfigMap\n    name: Bad_Name\n  reason: legacy client\n  expires: 2099-12-31\n  owner: me@acme.example\n");
    const check = mergegate(["check", repo.root]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/0 errors, 0 warnings, 0 info, 1 suppressed/);
  });

  it("rejects a bad date and a bad resource with exit 2", () => {
    repo = writeRepo({ "apps/cm.yaml": configMap("ok") });
    expect(mergegate(["waive", "k8s", repo.root, "--reason", "r", "--expires", "31/12/2099", "--owner", "a@b"])).toMatchObject({ code: 2, stderr: 'mergegate: --expires must be a date YYYY-MM-DD, got "31/12/2099"\n' });
    expect(mergegate(["waive", "k8s", repo.root, "--resource", "x", "--reason", "r", "--expires", "2099-01-01", "--owner", "a@b"]).code).toBe(2);
    expect(mergegate(["waive", "k8s", repo.root, "--expires", "2099-01-01"]).stderr).toBe("mergegate: required option '--reason <text>' not specified\n");
  });
});

describe.runIf(hasTool("git"))("mergegate baseline", () => {
  it("write accepts today's findings; prune drops the ones that are gone", () => {
    repo = writeRepo({ "apps/a.yaml": configMap("Bad_A"), "apps/b.yaml": configMap("Bad_B"), "mergegate.yaml": schemaNoticeOff });
    execFileSync("git", ["init", "-q"], { cwd: repo.root });
    expect(mergegate(["baseline", "write", repo.root])).toMatchObject({ code: 0, stdout: `2 findings written to ${path.join(repo.root, ".mergegate/baseline.json")}\n` });
    expect(mergegate(["check", repo.root]).code).toBe(0);
    writeFileSync(path.join(repo.root, "apps/b.yaml"), configMap("fixed"));
    expect(mergegate(["check", repo.root]).stdout).toMatch(/suppression\/unused/);
    expect(mergegate(["baseline", "prune", repo.root])).toMatchObject({ code: 0, stdout: `1 unused entry removed from ${path.join(repo.root, ".mergegate/baseline.json")}\n` });
    expect(mergegate(["check", repo.root]).stdout).not.toMatch(/suppression\/unused/);
  });
});
