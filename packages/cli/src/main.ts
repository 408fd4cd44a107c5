// mergegate's command line: parses arguments, runs one command, and turns every failure into an exit code.
import { Command, CommanderError } from "commander";
import { GateError, version } from "@mergegate/core";
import { checkCommand } from "./commands/check.js";
import { diffCommand } from "./commands/diff.js";
import { renderCommand } from "./commands/render.js";
import { baselineCommand } from "./commands/baseline.js";
import { waiveCommand } from "./commands/waive.js";
import { policyCommand } from "./commands/policy.js";
import { explainCommand } from "./commands/explain.js";
import { schemasCommand } from "./commands/schemas.js";
import { initCommand } from "./commands/init.js";
import { hookCommand } from "./commands/hook.js";
import { mergeCommand } from "./commands/merge.js";
import { reviewCommand } from "./commands/review.js";
import { rulesCommand } from "./commands/rules.js";
import { exitCodesHelp } from "./help-text.js";

/** Runs the CLI; resolves to the exit code (0 pass, 1 fail, 2 gate error). */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("mergegate")
    .description("Policy and validation engine with pre-merge gates for GitOps environment repositories")
    .version(version, "-V, --version")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: (text) => process.stdout.write(text) })
    .addHelpText("after", exitCodesHelp);
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  program.addCommand(checkCommand(setExitCode));
  program.addCommand(renderCommand(setExitCode));
  program.addCommand(diffCommand());
  program.addCommand(waiveCommand());
  program.addCommand(baselineCommand());
  program.addCommand(policyCommand(setExitCode));
  program.addCommand(explainCommand());
  program.addCommand(rulesCommand());
  program.addCommand(schemasCommand());
  program.addCommand(initCommand());
  program.addCommand(hookCommand());
  program.addCommand(mergeCommand(setExitCode));
  program.addCommand(reviewCommand());
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: (text) => process.stdout.write(text) });
    command.commands.forEach(quiet);
  };
  program.commands.forEach(quiet);
  try {
    if (argv.length === 0) {
      process.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
    process.stderr.write(`mergegate: ${error.message.replace(/^error: /, "")}\n`);
    return 2;
  }
  if (error instanceof GateError) {
    process.stderr.write(`mergegate: ${error.oneLine()}\n`);
    return 2;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`mergegate: internal error: ${message}\n`);
  return 2;
}
