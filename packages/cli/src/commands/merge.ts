// `mergegate merge RESULT.json...`: combines the results of `check --shard K/N` into one verdict, in any format.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { formatNames, formatResult, GateError, mergeShards } from "@mergegate/core";
import { formatOption } from "../options.js";
import { useColor, writeOutput } from "../output.js";
import { refuseFormatName } from "../output-name.js";

interface MergeFlags {
  format: string;
  output?: string;
  quiet: boolean;
}

export function mergeCommand(setExitCode: (code: number) => void): Command {
  return new Command("merge")
    .description("combine the JSON results of `mergegate check --shard K/N` (all N of them) into one verdict")
    .argument("<results...>", "the shard results (JSON files)")
    .addOption(formatOption(formatNames, "text"))
    .option("--output <file>", "write the report to this file instead of stdout")
    .option("--quiet", "hide suppressed findings in text output", false)
    .action((files: string[], flags: MergeFlags) => {
      refuseFormatName(flags.output);
      const inputs = files.map((file) => {
        try {
          return { file, text: readFileSync(file, "utf8") };
        } catch (error) {
          throw new GateError(`cannot read shard result: ${(error as Error).message}`, file);
        }
      });
      const result = mergeShards(inputs);
      writeOutput(formatResult(result, flags.format, { color: useColor(flags.output), quiet: flags.quiet }), flags.output);
      setExitCode(result.verdict.exitCode);
    });
}
