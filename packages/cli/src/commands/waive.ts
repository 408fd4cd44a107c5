// `mergegate waive RULE`: append a waiver (reason, owner, expiry) to the waivers file.
import { Command } from "commander";
import { appendWaiver, GateError } from "@mergegate/core";

interface WaiveFlags {
  env?: string;
  resource?: string;
  file?: string;
  reason: string;
  expires: string;
  owner?: string;
  config?: string;
}

/** `kind/namespace/name` or `kind/name` (cluster-scoped). */
function parseResource(text: string): { kind: string; namespace?: string; name: string } {
  const parts = text.split("/");
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: parts[0], name: parts[1] };
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { kind: parts[0], namespace: parts[1], name: parts[2] };
  throw new GateError(`--resource must be kind/namespace/name or kind/name, got "${text}"`);
}

export function waiveCommand(): Command {
  return new Command("waive")
    .description("accept a finding until a date: append a waiver to .mergegate/waivers.yaml")
    .argument("<RULE>", "rule id (e.g. k8s/invalid-name) or check name")
    .argument("[DIR]", "the environment repository", ".")
    .option("--env <name>", "only in this environment")
    .option("--resource <kind/ns/name>", "only for this object (kind/name when cluster-scoped)")
    .option("--file <glob>", "only in files matching this glob (relative to DIR)")
    .requiredOption("--reason <text>", "why the finding is accepted")
    .requiredOption("--expires <YYYY-MM-DD>", "last day the waiver applies (UTC)")
    .option("--owner <email>", "who owns the waiver (default: git config user.email)")
    .option("--config <file>", "configuration file (default: DIR/mergegate.yaml)")
    .action(async (rule: string, dir: string, flags: WaiveFlags) => {
      const file = await appendWaiver({
        repo: dir,
        config: flags.config ?? null,
        waiver: {
          rule,
          ...(flags.env === undefined ? {} : { env: flags.env }),
          ...(flags.resource === undefined ? {} : { resource: parseResource(flags.resource) }),
          ...(flags.file === undefined ? {} : { file: flags.file }),
          reason: flags.reason,
          expires: flags.expires,
          ...(flags.owner === undefined ? {} : { owner: flags.owner }),
        },
      });
      process.stdout.write(`waiver for ${rule} added to ${file}\n`);
    });
}
