// `mergegate hook install`: a plain POSIX sh pre-commit hook for repositories without the pre-commit framework.
// It finds the hooks folder as git does (core.hooksPath included), recognises its own hook by a marker line and
// refuses to replace anyone else's unless forced.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GateError } from "../errors.js";
import { runTool } from "../subprocess.js";

/** The line that marks a hook as mergegate's own: re-installing over it is always allowed. */
const hookMarker = "# mergegate pre-commit hook: written by `mergegate hook install`";

export interface HookCommand {
  /** The Node.js executable that ran `hook install`. */
  node: string;
  /** The mergegate script that ran it: the hook prefers it while it still exists. */
  script: string;
}

export interface HookInstallOptions {
  dir: string;
  force: boolean;
  command: HookCommand;
}

export interface HookInstallResult {
  /** Absolute path of the hook file. */
  file: string;
  status: "installed" | "updated" | "unchanged" | "replaced";
}

export async function installHook(options: HookInstallOptions): Promise<HookInstallResult> {
  const file = path.join(await hooksFolder(options.dir), "pre-commit");
  const text = hookScript(options.command);
  const existing = existsSync(file) ? readFileSync(file, "utf8") : null;
  const ours = existing !== null && existing.split("\n").includes(hookMarker);
  if (existing !== null && !ours && !options.force) {
    throw new GateError("a pre-commit hook that mergegate did not write is already there; use --force to replace it", file);
  }
  if (existing === text) return { file, status: "unchanged" };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  } catch (error) {
    throw new GateError(`cannot write: ${(error as Error).message}`, file);
  }
  return { file, status: existing === null ? "installed" : ours ? "updated" : "replaced" };
}

/** The hook: the mergegate that installed it, else `mergegate` on PATH, else the repository's own through npx. */
export function hookScript(command: HookCommand): string {
  return [
    "#!/bin/sh",
    hookMarker,
    "# Checks the staged changes; a failing gate stops the commit (`git commit --no-verify` skips it once).",
    `node=${shellQuote(command.node)}`,
    `script=${shellQuote(command.script)}`,
    'if [ -x "$node" ] && [ -f "$script" ]; then exec "$node" "$script" check --staged; fi',
    "if command -v mergegate >/dev/null 2>&1; then exec mergegate check --staged; fi",
    "exec npx --no-install mergegate check --staged",
    "",
  ].join("\n");
}

/** Where git runs hooks from for DIR: `core.hooksPath` when set, else the repository's hooks folder. */
async function hooksFolder(dir: string): Promise<string> {
  if (!existsSync(dir)) throw new GateError("no such directory", dir);
  const run = await runTool("git", ["rev-parse", "--git-path", "hooks"], { cwd: dir, timeoutMs: 30_000 });
  if (run.spawnError !== null) throw new GateError(`cannot run git: ${run.spawnError.message}`);
  if (run.code !== 0) throw new GateError("hook install needs DIR inside a git repository", dir);
  return path.resolve(dir, run.stdout.trim());
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
