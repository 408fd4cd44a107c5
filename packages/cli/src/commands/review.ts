// `mergegate review [DIR]`: the interactive terminal review (packages/cli/src/tui); scripts and CI use `check`.
import path from "node:path";
import { Command } from "commander";
import { appendWaiver, GateError, runGate } from "@mergegate/core";
import { addEnvironmentFlags } from "../options.js";

interface ReviewFlags {
  env: string[];
  config?: string;
  allowRemote: boolean;
  base?: string;
  offline: boolean;
}

export function reviewCommand(): Command {
  return addEnvironmentFlags(new Command("review"))
    .description("review the gate's findings interactively: navigate, read the rule docs and diffs, waive, open the editor, re-run")
    .option("--base <ref>", "diff against the merge-base of REF and HEAD (shows the render diff of changed objects)")
    .option("--offline", "never download schemas; use the locations and the cache only", false)
    .action(async (dir: string, flags: ReviewFlags) => {
      if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
        throw new GateError("review needs an interactive terminal (stdin and stdout are not both a TTY); in scripts and CI run `mergegate check`");
      }
      const config = flags.config ?? null;
      // On a terminal, ink's CI mode (draw only the last frame, on exit) would leave the screen blank: a CI or
      // CONTINUOUS_INTEGRATION variable inherited from the shell must not decide that. ink reads them when it loads.
      for (const variable of ["CI", "CONTINUOUS_INTEGRATION"]) delete process.env[variable];
      // ink and react load only here, so that every other command starts without them
      const { startReview } = await import("../tui/start.js");
      await startReview({
        title: path.basename(path.resolve(dir)),
        run: () => runGate({ repo: dir, envs: flags.env, config, allowRemote: flags.allowRemote, base: flags.base ?? null, offline: flags.offline }),
        waive: (waiver) => appendWaiver({ repo: dir, config, waiver }),
        editor: process.env["EDITOR"],
      });
    });
}
