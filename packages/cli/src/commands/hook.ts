// `mergegate hook install [DIR]`: a plain git pre-commit hook running `mergegate check --staged`.
import { realpathSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { installHook } from "@mergegate/core";

interface InstallFlags {
  force: boolean;
}

export function hookCommand(): Command {
  const install = new Command("install")
    .description("write .git/hooks/pre-commit (or core.hooksPath's) to run `mergegate check --staged` before each commit")
    .argument("[DIR]", "a folder inside the git repository", ".")
    .option("--force", "replace a pre-commit hook that mergegate did not write", false)
    .action(async (dir: string, flags: InstallFlags) => {
      const script = realpathSync(process.argv[1] ?? "");
      const { file, status } = await installHook({ dir, force: flags.force, command: { node: process.execPath, script } });
      const shown = path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file);
      process.stdout.write(`${status} ${shown}\n`);
    });
  return new Command("hook").description("git hooks without the pre-commit framework").addCommand(install);
}
