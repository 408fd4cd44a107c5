// `mergegate hook install`: a plain git pre-commit hook that stops a commit whose staged changes fail the gate.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { fakeCredentials } from "./support/fake-secrets.js";
import { gitEnv, gitRepo, type GitRepo } from "./support/git-repo.js";
import { config, configMap, plaintextSecret } from "./support/hook-repo.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const marker = "# mergegate pre-commit hook: written by `mergegate hook install`";

let repo: GitRepo | null = null;
afterEach(() => repo?.remove());

/** `git commit` as a user runs it, hooks included; the hook's output is on stderr. */
function commit(root: string, message: string): { code: number | null; output: string } {
  const run = spawnSync("git", ["commit", "-q", "-m", message], {
    cwd: root,
    encoding: "utf8",
    env: { ...gitEnv, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: run.status, output: run.stdout + run.stderr };
}

describe.runIf(hasTool("git"))("mergegate hook install", () => {
  it("writes an executable hook that refuses a staged plaintext Secret and lets a clean change through", () => {
    repo = gitRepo({ "mergegate.yaml": config, "apps/settings.yaml": configMap });
    repo.commit("initial");
    const install = mergegate(["hook", "install", repo.root]);
    expect(install).toMatchObject({ code: 0, stderr: "" });
    const hook = path.join(repo.root, ".git/hooks/pre-commit");
    expect(install.stdout).toBe(`installed ${hook}\n`);
    expect(readFileSync(hook, "utf8").split("\n")).toContain(marker);
    expect(statSync(hook).mode & 0o111).toBe(0o111);

    const { password } = fakeCredentials(11);
    repo.write({ "apps/db-secret.yaml": plaintextSecret(password) });
    repo.git("add", "apps/db-secret.yaml");
    const refused = commit(repo.root, "add db secret");
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("apps/db-secret.yaml:6:3");
    expect(refused.output).toContain("secrets/plaintext-k8s-secret");
    expect(refused.output).not.toContain(password);
    expect(repo.git("log", "--format=%s").trim()).toBe("initial");

    repo.git("rm", "-q", "--cached", "apps/db-secret.yaml");
    repo.write({ "apps/settings.yaml": configMap.replace("fast", "slow") });
    repo.git("add", "apps/settings.yaml");
    expect(commit(repo.root, "slow mode")).toMatchObject({ code: 0 });
    expect(repo.git("log", "--format=%s").trim().split("\n")).toEqual(["slow mode", "initial"]);
  });

  it("checks the very first commit of a repository too", () => {
    repo = gitRepo({ "mergegate.yaml": config, "apps/settings.yaml": configMap });
    expect(mergegate(["hook", "install", repo.root]).code).toBe(0);
    repo.write({ "apps/db-secret.yaml": plaintextSecret(fakeCredentials(12).password) });
    repo.git("add", "-A");
    const refused = commit(repo.root, "initial");
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("apps/db-secret.yaml:6:3");
    repo.git("rm", "-q", "--cached", "apps/db-secret.yaml");
    expect(commit(repo.root, "initial")).toMatchObject({ code: 0 });
  });

  it("re-installs over its own hook, refuses a foreign one with exit 2 unless --force", () => {
    repo = gitRepo({ "apps/settings.yaml": configMap });
    const hook = path.join(repo.root, ".git/hooks/pre-commit");
    expect(mergegate(["hook", "install", repo.root]).code).toBe(0);
    const ours = readFileSync(hook, "utf8");
    expect(mergegate(["hook", "install", repo.root])).toMatchObject({ code: 0, stdout: `unchanged ${hook}\n` });
    writeFileSync(hook, ours.replace("check --staged; fi", "check --staged --quiet; fi"));
    expect(mergegate(["hook", "install", repo.root])).toMatchObject({ code: 0, stdout: `updated ${hook}\n` });
    expect(readFileSync(hook, "utf8")).toBe(ours);

    const foreign = "#!/bin/sh\nexec lint-staged\n";
    writeFileSync(hook, foreign);
    const refused = mergegate(["hook", "install", repo.root]);
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toBe(`mergegate: ${hook}: a pre-commit hook that mergegate did not write is already there; use --force to replace it\n`);
    expect(readFileSync(hook, "utf8")).toBe(foreign);
    expect(mergegate(["hook", "install", repo.root, "--force"])).toMatchObject({ code: 0, stdout: `replaced ${hook}\n` });
    expect(readFileSync(hook, "utf8")).toBe(ours);
  });

  it("installs where core.hooksPath points, from a subfolder too", () => {
    repo = gitRepo({ "apps/settings.yaml": configMap });
    repo.git("config", "core.hooksPath", ".githooks");
    const run = mergegate(["hook", "install", path.join(repo.root, "apps")]);
    const hook = path.join(repo.root, ".githooks/pre-commit");
    expect(run).toMatchObject({ code: 0, stdout: `installed ${hook}\n` });
    expect(readFileSync(hook, "utf8").split("\n")).toContain(marker);
    expect(existsSync(path.join(repo.root, ".git/hooks/pre-commit"))).toBe(false);
  });

  it("is a gate error outside a git repository", () => {
    const folder = writeRepo({ "apps/settings.yaml": configMap });
    try {
      const run = mergegate(["hook", "install", folder.root], { env: { GIT_CEILING_DIRECTORIES: path.dirname(folder.root) } });
      expect(run).toMatchObject({ code: 2, stderr: `mergegate: ${folder.root}: hook install needs DIR inside a git repository\n` });
    } finally {
      folder.remove();
    }
  });
});
