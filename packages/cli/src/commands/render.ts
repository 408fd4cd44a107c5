// `mergegate render [DIR]`: every environment's objects, sorted and formatted as kustomize does, to stdout or --out DIR.
import { Command } from "commander";
import { checkRenderFormat, formatRenderStream, renderFiles, renderFormatNames, runRender } from "@mergegate/core";
import { addEnvironmentFlags, formatOption } from "../options.js";
import { writeOutput, writeTree } from "../output.js";

interface RenderFlags {
  env: string[];
  config?: string;
  allowRemote: boolean;
  format: string;
  out?: string;
}

export function renderCommand(setExitCode: (code: number) => void): Command {
  return addEnvironmentFlags(new Command("render"))
    .description("print the rendered objects of every environment (Secret values redacted)")
    .addOption(formatOption(renderFormatNames, "yaml"))
    .option("--out <dir>", "write one file per object under DIR/<env>/ instead of stdout")
    .action(async (dir: string, flags: RenderFlags) => {
      const format = checkRenderFormat(flags.format);
      const result = await runRender({ repo: dir, envs: flags.env, config: flags.config ?? null, allowRemote: flags.allowRemote });
      if (flags.out === undefined) writeOutput(formatRenderStream(result.render, format), undefined);
      else {
        const files = renderFiles(result.render, format);
        writeTree(flags.out, result.render.environments.map((envRender) => envRender.env.name), files);
      }
      const failed = result.render.environments.filter((envRender) => envRender.problems.length > 0);
      for (const envRender of failed) {
        for (const problem of envRender.problems) {
          const where = problem.location === null ? "" : `${problem.location.file}:${problem.location.line}: `;
          process.stderr.write(`mergegate: ${envRender.env.name}: ${where}${problem.message}\n`);
        }
      }
      setExitCode(failed.length > 0 ? 1 : 0);
    });
}
