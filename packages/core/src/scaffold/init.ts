// `mergegate init`: detect the environments, then write mergegate.yaml (in DIR), .pre-commit-config.yaml and the
// GitHub workflow (at the git top-level, where pre-commit and GitHub read them) — never replacing a file unless forced.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { configFileName } from "../config/config.js";
import { GateError } from "../errors.js";
import { resolveEnvironments } from "../render/environments.js";
import { loadRepo } from "../repo/load.js";
import { runTool } from "../subprocess.js";
import { configFileText } from "./config-file.js";
import { preCommitConfigText } from "./pre-commit-config.js";
import { workflowText } from "./workflow.js";

/** Until the project has a published home, generated files name this owner; `--owner` replaces it. */
export const ownerPlaceholder = "<owner>";

export interface InitOptions {
  /** DIR: the environment repository. */
  dir: string;
  /** Replace files that exist. */
  force: boolean;
  /** GitHub owner of the mergegate repository (the Action and the pre-commit hook come from it). */
  owner: string;
}

export interface ScaffoldedFile {
  /** POSIX path relative to the git top-level (to DIR outside a work tree). */
  path: string;
  status: "written" | "overwritten" | "skipped";
}

export interface InitResult {
  environments: string[];
  files: ScaffoldedFile[];
}

export async function initRepo(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.dir);
  if (!existsSync(root)) throw new GateError("no such directory", options.dir);
  if (!statSync(root).isDirectory()) throw new GateError("not a directory", options.dir);
  const repo = await loadRepo(root);
  const environments = resolveEnvironments({ version: 1 }, repo.files, [...repo.files.keys()], { only: [] });
  const { top, prefix } = await gitLocation(root);
  const contents: [string, string][] = [
    [prefix + configFileName, configFileText(environments)],
    [".pre-commit-config.yaml", preCommitConfigText(options.owner, prefix)],
    [".github/workflows/mergegate.yml", workflowText(options.owner, prefix)],
  ];
  const files = contents.map(([file, text]) => writeUnlessPresent(top, file, text, options.force));
  return { environments: environments.map((env) => env.name), files };
}

/** The git top-level and DIR's place in it ("" or "sub/dir/"); DIR itself outside a work tree. */
async function gitLocation(root: string): Promise<{ top: string; prefix: string }> {
  const run = await runTool("git", ["rev-parse", "--show-toplevel", "--show-prefix"], { cwd: root, timeoutMs: 30_000 });
  const [top, prefix] = run.code === 0 ? run.stdout.split("\n") : [];
  return top === undefined || top === "" ? { top: root, prefix: "" } : { top, prefix: prefix ?? "" };
}

function writeUnlessPresent(top: string, file: string, text: string, force: boolean): ScaffoldedFile {
  const target = path.join(top, file);
  const exists = existsSync(target);
  if (exists && !force) return { path: file, status: "skipped" };
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (error) {
    throw new GateError(`cannot write: ${(error as Error).message}`, target);
  }
  return { path: file, status: exists ? "overwritten" : "written" };
}
