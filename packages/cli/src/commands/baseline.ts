// `mergegate baseline write|prune`: accept today's findings by fingerprint, or drop entries that match nothing.
import { Command } from "commander";
import { pruneBaseline, writeBaseline } from "@mergegate/core";
import { addEnvironmentFlags } from "../options.js";

interface BaselineFlags {
  env: string[];
  config?: string;
  allowRemote: boolean;
  check?: string;
}

export function baselineCommand(): Command {
  const options = (dir: string, flags: BaselineFlags) => ({ repo: dir, envs: flags.env, config: flags.config ?? null, allowRemote: flags.allowRemote });
  const write = addEnvironmentFlags(new Command("write"))
    .description("record the fingerprints of the current unsuppressed findings in the baseline file")
    .option("--check <check>", "only this check's findings (e.g. secrets); other checks' entries are kept")
    .action(async (dir: string, flags: BaselineFlags) => {
      const { file, written } = await writeBaseline(options(dir, flags), flags.check ?? null);
      process.stdout.write(`${written} finding${written === 1 ? "" : "s"} written to ${file}\n`);
    });
  const prune = addEnvironmentFlags(new Command("prune"))
    .description("remove baseline entries that no longer match a finding")
    .action(async (dir: string, flags: BaselineFlags) => {
      const { file, removed } = await pruneBaseline(options(dir, flags));
      process.stdout.write(`${removed} unused entr${removed === 1 ? "y" : "ies"} removed from ${file}\n`);
    });
  return new Command("baseline").description("manage the baseline of accepted findings").addCommand(write).addCommand(prune);
}
