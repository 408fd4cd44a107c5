// `mergegate check [DIR]`: run the gate and print the verdict in the chosen format.
import { Command, Option } from "commander";
import { formatNames, formatResult, formatShardResult, GateError, parseShard, runGate, type FailOn, type Shard } from "@mergegate/core";
import { addEnvironmentFlags, collect, formatOption } from "../options.js";
import { kubernetesVersionArgument } from "./schemas.js";
import { useColor, writeOutput } from "../output.js";
import { refuseFormatName } from "../output-name.js";
import { exitCodesHelp } from "../help-text.js";

interface CheckFlags {
  env: string[];
  config?: string;
  format: string;
  output?: string;
  failOn?: FailOn;
  allowRemote: boolean;
  base?: string;
  changedOnly: boolean;
  newOnly: boolean;
  staged: boolean;
  quiet: boolean;
  strictSuppressions: boolean;
  policy: string[];
  policyNamespace: string[];
  policyEnv: string[];
  data: string[];
  allNamespaces: boolean;
  regoVersion?: "v0" | "v1";
  kubernetesVersion?: string;
  schemaLocation: string[];
  offline: boolean;
  shard?: Shard;
}

export function checkCommand(setExitCode: (code: number) => void): Command {
  return addEnvironmentFlags(new Command("check"))
    .description("check an environment repository: render every environment, run the checks, print the verdict")
    .addOption(formatOption(formatNames, "text"))
    .option("--output <file>", "write the report to this file instead of stdout")
    .addOption(new Option("--fail-on <level>", "lowest severity that fails the gate, for every environment").choices(["error", "warning", "info", "never"]))
    .option("--base <ref>", "diff against the merge-base of REF and HEAD and attach the diff")
    .option("--changed-only", "keep only findings on changed objects and lines (against --base, else HEAD)", false)
    .option("--new-only", "fail only on findings the change introduces: ones the base also has are marked unchanged (against --base, else HEAD)", false)
    .option("--staged", "check the git index (what would be committed); implies --changed-only", false)
    .option("--quiet", "hide suppressed findings in text output", false)
    .option("--strict-suppressions", "report suppressions that match nothing as errors", false)
    .option("--policy <dir>", "a folder of conftest-style Rego policies (repeatable; adds to policies.paths)", collect, [])
    .option("--data <path>", "JSON or YAML data for the policies, a file or a folder (repeatable; merged into data, as conftest's --data)", collect, [])
    .option("--policy-namespace <ns>", "the Rego package of conftest rules to run (repeatable; default main)", collect, [])
    .option("--all-namespaces", "run the conftest rules of every package", false)
    .option("--policy-env <name>", "an environment variable opa.runtime() may show to policies (repeatable; default none)", collect, [])
    .addOption(new Option("--rego-version <version>", "Rego syntax of the repo's policies").choices(["v0", "v1"]))
    .option("--kubernetes-version <version>", "validate against this Kubernetes release (overrides kubernetesVersion in mergegate.yaml)", kubernetesVersionArgument)
    .option("--schema-location <location>", "an OpenAPI document, a folder of CRDs or a kubeconform URL template (repeatable)", collect, [])
    .option("--offline", "never download schemas; use the locations and the cache only", false)
    .addHelpText("after", exitCodesHelp)
    .option("--shard <K/N>", "check shard K of N (environments and files split deterministically); writes JSON for `mergegate merge`", parseShard)
    .action(async (dir: string, flags: CheckFlags, command: Command) => {
      refuseFormatName(flags.output);
      if (flags.shard !== undefined && command.getOptionValueSource("format") === "cli" && flags.format !== "json") {
        throw new GateError("--shard writes JSON for `mergegate merge`: --format must be json (or left out)");
      }
      const result = await runGate({
        repo: dir,
        envs: flags.env,
        config: flags.config ?? null,
        failOn: flags.failOn ?? null,
        allowRemote: flags.allowRemote,
        base: flags.base ?? null,
        changedOnly: flags.changedOnly,
        newOnly: flags.newOnly,
        staged: flags.staged,
        strictSuppressions: flags.strictSuppressions,
        policyPaths: flags.policy,
        policyNamespaces: flags.policyNamespace,
        policyData: flags.data,
        allNamespaces: flags.allNamespaces,
        policyEnv: flags.policyEnv,
        regoVersion: flags.regoVersion ?? null,
        kubernetesVersion: flags.kubernetesVersion ?? null,
        schemaLocations: flags.schemaLocation,
        offline: flags.offline,
        shard: flags.shard ?? null,
      });
      if (flags.shard !== undefined) {
        // A shard's verdict is partial: `mergegate merge` decides. A shard fails only on a gate error.
        writeOutput(formatShardResult(result), flags.output);
        return;
      }
      writeOutput(formatResult(result, flags.format, { color: useColor(flags.output), quiet: flags.quiet }), flags.output);
      setExitCode(result.verdict.exitCode);
    });
}
