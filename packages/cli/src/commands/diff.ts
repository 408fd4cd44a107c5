// `mergegate diff [DIR] --base REF`: what this change does to each environment's render.
import { Command } from "commander";
import { diffFormatNames, formatDiff, runDiff } from "@mergegate/core";
import { addEnvironmentFlags, formatOption } from "../options.js";
import { writeOutput } from "../output.js";
import { refuseFormatName } from "../output-name.js";

interface DiffFlags {
  env: string[];
  config?: string;
  allowRemote: boolean;
  base: string;
  staged: boolean;
  format: string;
  output?: string;
}

export function diffCommand(): Command {
  return addEnvironmentFlags(new Command("diff"))
    .description("render the merge-base of REF and HEAD and the work tree (or the index), and show the objects added, removed and changed")
    .requiredOption("--base <ref>", "compare with the merge-base of REF and HEAD")
    .option("--staged", "compare the git index instead of the work tree", false)
    .addOption(formatOption(diffFormatNames, "text"))
    .option("--output <file>", "write the diff to this file instead of stdout")
    .action(async (dir: string, flags: DiffFlags) => {
      refuseFormatName(flags.output);
      const result = await runDiff({
        repo: dir,
        base: flags.base,
        envs: flags.env,
        config: flags.config ?? null,
        allowRemote: flags.allowRemote,
        staged: flags.staged,
      });
      writeOutput(formatDiff(result, flags.format), flags.output);
    });
}
