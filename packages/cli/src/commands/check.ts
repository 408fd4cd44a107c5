// `mergegate check [DIR]`: run the gate and print the verdict in the chosen format.
import { Command, Option } from "commander";
import { formatNames, formatResult, runGate, type FailOn } from "@mergegate/core";
import { useColor, writeOutput } from "../output.js";

interface CheckFlags {
  env: string[];
  config?: string;
  format: string;
  output?: string;
  failOn?: FailOn;
  allowRemote: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function checkCommand(setExitCode: (code: number) => void): Command {
  return new Command("check")
    .description("check an environment repository: render every environment, run the checks, print the verdict")
    .argument("[DIR]", "the environment repository", ".")
    .option("--env <name>", "check only this environment (repeatable)", collect, [])
    .option("--config <file>", "configuration file (default: DIR/mergegate.yaml)")
    .addOption(new Option("--format <format>", "output format").choices(formatNames).default("text"))
    .option("--output <file>", "write the report to this file instead of stdout")
    .addOption(new Option("--fail-on <level>", "lowest severity that fails the gate, for every environment").choices(["error", "warning", "info", "never"]))
    .option("--allow-remote", "let kustomize fetch remote bases", false)
    .action(async (dir: string, flags: CheckFlags) => {
      const result = await runGate({
        repo: dir,
        envs: flags.env,
        config: flags.config ?? null,
        failOn: flags.failOn ?? null,
        allowRemote: flags.allowRemote,
      });
      writeOutput(formatResult(result, flags.format, { color: useColor(flags.output) }), flags.output);
      setExitCode(result.verdict.exitCode);
    });
}
