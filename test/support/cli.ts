// Runs the built `mergegate` command as a user would, capturing output and exit code.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./tools.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const binPath = path.join(projectRoot, "packages/cli/bin/mergegate.js");

export function mergegate(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const run = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
