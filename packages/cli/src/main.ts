// mergegate's command line: parses arguments, runs one command, and turns every failure into an exit code.
// A command's module (and the engine behind it) is loaded only when that command runs, or for the help that lists them.
import { Command, CommanderError } from "commander";
import { version } from "@mergegate/core/version";
import { exitCodesHelp } from "./help-text.js";

type SetExitCode = (code: number) => void;

/** Every command, by name, loaded on demand. */
const commands: Record<string, (setExitCode: SetExitCode) => Promise<Command>> = {
  check: async (setExitCode) => (await import("./commands/check.js")).checkCommand(setExitCode),
  render: async (setExitCode) => (await import("./commands/render.js")).renderCommand(setExitCode),
  diff: async () => (await import("./commands/diff.js")).diffCommand(),
  waive: async () => (await import("./commands/waive.js")).waiveCommand(),
  baseline: async () => (await import("./commands/baseline.js")).baselineCommand(),
  policy: async (setExitCode) => (await import("./commands/policy.js")).policyCommand(setExitCode),
  explain: async () => (await import("./commands/explain.js")).explainCommand(),
  rules: async () => (await import("./commands/rules.js")).rulesCommand(),
  schemas: async () => (await import("./commands/schemas.js")).schemasCommand(),
  init: async () => (await import("./commands/init.js")).initCommand(),
  hook: async () => (await import("./commands/hook.js")).hookCommand(),
  merge: async (setExitCode) => (await import("./commands/merge.js")).mergeCommand(setExitCode),
  review: async () => (await import("./commands/review.js")).reviewCommand(),
};

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
  try {
    // `mergegate check …` loads only check; `--version` loads none; anything else (help, a typo) loads them all.
    const named = argv[0] !== undefined && Object.hasOwn(commands, argv[0]) ? [argv[0]] : isVersionFlag(argv) ? [] : Object.keys(commands);
    for (const name of named) program.addCommand(await (commands[name] as (typeof commands)[string])(setExitCode));
    const quiet = (command: Command): void => {
      command.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: (text) => process.stdout.write(text) });
      command.commands.forEach(quiet);
    };
    program.commands.forEach(quiet);
    if (argv.length === 0) {
      process.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return await failure(error);
  }
}

function isVersionFlag(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V");
}

async function failure(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
    process.stderr.write(`mergegate: ${error.message.replace(/^error: /, "")}\n`);
    return 2;
  }
  const { GateError } = await import("@mergegate/core");
  if (error instanceof GateError) {
    process.stderr.write(`mergegate: ${error.oneLine()}\n`);
    return 2;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`mergegate: internal error: ${message}\n`);
  return 2;
}
