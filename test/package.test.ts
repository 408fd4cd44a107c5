// The published package as users get it: `npm pack` of the repository root, installed from the tarball into an
// empty folder with an empty npm cache and --offline (so nothing can come from a registry or the workspace), then
// the README's first commands run — globally installed, and through npx.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "./support/tools.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let scratch = "";
let tarball = "";

/** The commands of the README's "Install" section: its first sh block. */
function installCommands(): string[] {
  const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
  const section = readme.split(/^## Install$/m)[1] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n").map((line) => line.replace(/\s+#.*$/, "").trim()).filter((line) => line !== "");
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const cache = path.join(scratch, "npm-cache");
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1", npm_config_cache: cache, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the packed mergegate package", () => {
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), "mergegate-package-"));
    const packed = JSON.parse(execFileSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: projectRoot, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(scratch, packed[0]?.filename ?? "");
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("is one package named mergegate with its bin, engines and links, holding the bundle and the policy library", () => {
    const manifest = JSON.parse(execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" })) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: "mergegate", bin: { mergegate: "bin/mergegate.js" }, engines: { node: ">=20" } });
    expect(manifest["private"]).toBeUndefined();
    for (const key of ["repository", "homepage", "bugs", "files"]) expect(manifest[key], key).toBeDefined();
    expect(manifest["dependencies"]).toBeUndefined();
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(listed).toEqual(expect.arrayContaining(["package/bin/mergegate.js", "package/bin/re2.wasm", "package/policies/run_as_non_root.rego"]));
    expect(listed.filter((file) => file.endsWith("_test.rego"))).toEqual([]);
  });

  it("installs globally from the tarball, offline, in an empty folder, and runs the README's first command", () => {
    const [install, first] = installCommands();
    expect(install).toBe("npm install -g mergegate");
    expect(first).toMatch(/^mergegate /);
    const prefix = path.join(scratch, "global");
    const installed = run(npm, ["install", "-g", "--prefix", prefix, tarball], scratch);
    expect(installed.code, installed.stderr).toBe(0);
    const empty = path.join(scratch, "empty");
    mkdirSync(empty);
    const [command = "", ...args] = (first ?? "").split(/\s+/);
    const bin = path.join(prefix, process.platform === "win32" ? "" : "bin", command);
    const result = run(bin, args, empty);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✔ pass: 0 errors, 0 warnings, 0 info, 0 suppressed — 1 environment \(default pass\)$/m);
    const help = run(bin, ["--help"], empty);
    expect(help.stdout).toContain("Exit codes:");
  });

  it("runs through npx from a local install of the tarball, offline", () => {
    const folder = path.join(scratch, "npx");
    mkdirSync(folder);
    expect(run(npm, ["install", tarball], folder).code).toBe(0);
    const result = run(npm, ["exec", "--offline", "--", "mergegate", "--version"], folder);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).version);
  });
});
