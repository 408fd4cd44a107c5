// The real pre-commit framework installing mergegate's hook the way users get it (.pre-commit-hooks.yaml,
// `language: script`: the committed single-file bundle runs from the cloned hook repository, nothing is installed)
// and gating commits with it. The hook repository is a committed snapshot of this working copy, so its `rev` is
// pinned; the install needs no network.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeCredentials } from "./support/fake-secrets.js";
import { gitEnv, gitRepo, type GitRepo } from "./support/git-repo.js";
import { config, configMap, plaintextSecret } from "./support/hook-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

const installTimeoutMs = 900_000;

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

const present = hasTool("git") && hasTool("pre-commit");
const temporary: string[] = [];
let hookRepo = "";
let rev = "";
let preCommitHome = "";

function environment(): NodeJS.ProcessEnv {
  return {
    ...gitEnv,
    PRE_COMMIT_HOME: preCommitHome,
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
  };
}

function run(command: string, args: string[], cwd: string, timeout = 300_000): Run {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: environment(), encoding: "utf8", timeout });
  return { code: result.status, output: result.stdout + result.stderr, seconds: (performance.now() - started) / 1000 };
}

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "mergegate-precommit-"));
  temporary.push(folder);
  return folder;
}

/** This working copy's files (tracked and untracked, not ignored: no node_modules, dist or bin) as one commit. */
function snapshotProject(): { root: string; rev: string } {
  const root = temporaryFolder();
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: projectRoot, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`the project must be a git work tree to snapshot it: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter((entry) => entry !== "")) {
    const source = path.join(projectRoot, file);
    const stat = lstatSync(source, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile()) continue;
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    copyFileSync(source, path.join(root, file));
  }
  const git = (...args: string[]): string => {
    const result = spawnSync("git", args, { cwd: root, env: environment(), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "snapshot");
  return { root, rev: git("rev-parse", "HEAD").trim() };
}

function preCommitConfig(): string {
  return `repos:\n  - repo: ${JSON.stringify(hookRepo)}\n    rev: ${rev}\n    hooks:\n      - id: mergegate\n`;
}

/** A user's repository using the hook: committed config, then `pre-commit install` as the docs say. */
function userRepo(files: Record<string, string>): GitRepo {
  const repo = gitRepo({ ...files, ".pre-commit-config.yaml": preCommitConfig() });
  temporary.push(repo.root);
  repo.commit("initial");
  const install = run("pre-commit", ["install"], repo.root);
  expect(install.output).toContain("pre-commit installed at .git/hooks/pre-commit");
  return repo;
}

describe.runIf(present)("pre-commit hook (the pre-commit framework)", () => {
  beforeAll(() => {
    ({ root: hookRepo, rev } = snapshotProject());
    preCommitHome = temporaryFolder();
    const repo = gitRepo({ ".pre-commit-config.yaml": preCommitConfig() });
    temporary.push(repo.root);
    repo.commit("config");
    const install = run("pre-commit", ["install-hooks"], repo.root, installTimeoutMs);
    expect(install.code, install.output).toBe(0);
    console.info(`pre-commit install-hooks (clone of the hook repository; language: script installs nothing): ${install.seconds.toFixed(1)} s`);
  }, installTimeoutMs);

  afterAll(() => {
    for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
  });

  it("runs the committed bundle from the hook repository as it is: nothing installed, nothing compiled", () => {
    const clones = readdirSync(preCommitHome).filter((name) => name.startsWith("repo")).map((name) => path.join(preCommitHome, name));
    const clone = clones.find((folder) => readdirSync(folder).includes(".pre-commit-hooks.yaml"));
    expect(clone).toBeDefined();
    const root = clone ?? "";
    const bundle = readdirSync(path.join(root, "bin"));
    expect(bundle).toContain("mergegate.js");
    expect(bundle).toContain("re2.wasm");
    // besides: the CLI as one CommonJS file, the ES module build for review, and the dependencies only some
    // builtins require, each in its own CommonJS file
    expect(bundle).toEqual(expect.arrayContaining(["cli.cjs", "esm", "graphql.cjs", "re2-wasm.cjs", "semver.cjs"]));
    expect(bundle.filter((file) => !["mergegate.js", "re2.wasm", "esm"].includes(file)).every((file) => /^[a-z0-9-]+\.cjs$/.test(file))).toBe(true);
    expect(readdirSync(path.join(root, "bin/esm")).every((file) => /^(mergegate\.js|chunk-[A-Z0-9]+\.js)$/.test(file))).toBe(true);
    expect(readdirSync(path.join(root, "shipped-schemas"))).toContain("index.json");
    expect(readdirSync(path.join(root, "policies"))).toContain("run_as_non_root.rego");
    // language: script — no node environment, no npm install, no TypeScript build
    expect(readdirSync(root)).not.toContain("node_modules");
    expect(readdirSync(root).some((name) => name.startsWith("node_env"))).toBe(false);
    expect(readdirSync(path.join(root, "packages/core"))).not.toContain("dist");
  });

  it("refuses a commit that stages a plaintext Secret, naming the finding; a clean change commits", () => {
    const repo = userRepo({ "mergegate.yaml": config, "apps/settings.yaml": configMap });
    const { password } = fakeCredentials(29);
    repo.write({ "apps/db-secret.yaml": plaintextSecret(password) });
    repo.git("add", "apps/db-secret.yaml");
    const refused = run("git", ["commit", "-m", "add db secret"], repo.root);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/mergegate\.+Failed/);
    expect(refused.output).toContain("apps/db-secret.yaml:6:3  error    secrets/plaintext-k8s-secret");
    expect(refused.output).not.toContain(password);
    expect(repo.git("log", "--format=%s").trim()).toBe("initial");

    repo.git("rm", "-q", "--cached", "apps/db-secret.yaml");
    repo.write({ "apps/settings.yaml": configMap.replace("fast", "slow") });
    repo.git("add", "apps/settings.yaml");
    const committed = run("git", ["commit", "-m", "slow mode"], repo.root);
    expect(committed.output).toMatch(/mergegate\.+Passed/);
    expect(committed.code).toBe(0);
    expect(repo.git("log", "--format=%s").trim().split("\n")).toEqual(["slow mode", "initial"]);
  });

  it("checks only what is staged in the example repo: its deliberate problems do not block an unrelated one-line change", () => {
    const repo = gitRepo({});
    temporary.push(repo.root);
    cpSync(path.join(projectRoot, "examples/acme-gitops"), repo.root, { recursive: true });
    repo.write({ ".pre-commit-config.yaml": preCommitConfig() });
    repo.commit("initial");
    repo.write({ "apps/api/base/configmap.yaml": readFile(repo.root, "apps/api/base/configmap.yaml").replace("REQUEST_TIMEOUT: 15s", "REQUEST_TIMEOUT: 20s") });
    repo.git("add", "apps/api/base/configmap.yaml");
    const hook = run("pre-commit", ["run"], repo.root);
    expect(hook.output).toMatch(/mergegate\.+Passed/);
    expect(hook.code).toBe(0);
    console.info(`pre-commit run, one-file change in examples/acme-gitops: ${hook.seconds.toFixed(2)} s`);

    repo.write({ "apps/api/base/configmap.yaml": readFile(repo.root, "apps/api/base/configmap.yaml").replace("  name: api-config", "  name: api_config") });
    repo.git("add", "apps/api/base/configmap.yaml");
    const failing = run("pre-commit", ["run"], repo.root);
    expect(failing.code).toBe(1);
    expect(failing.output).toContain("k8s/invalid-name");
  });
});

function readFile(root: string, file: string): string {
  return readFileSync(path.join(root, file), "utf8");
}
