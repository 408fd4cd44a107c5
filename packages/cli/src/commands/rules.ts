// `mergegate rules [DIR]`: every rule with its check, default severity, what it finds and how to fix it (as
// kube-linter's `checks list`); with DIR also the repo's own policies and Gatekeeper constraints.
import { Command, Option } from "commander";
import { listRules, type ListedRule } from "@mergegate/core";
import { collect } from "../options.js";

interface RulesFlags {
  config?: string;
  policy: string[];
  format: string;
}

function table(rules: readonly ListedRule[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd(8)}  ${rule.description}`);
  return [`${"rule".padEnd(idWidth)}  ${"severity"}  finds`, ...lines, "", `${rules.length} rules; \`mergegate explain RULE\` shows how to fix one.`, ""].join("\n");
}

export function rulesCommand(): Command {
  return new Command("rules")
    .description("list every rule: id, check, default severity, what it finds, how to fix it (with DIR: also the repo's own policies and Gatekeeper constraints)")
    .argument("[DIR]", "an environment repository whose policies.paths and Gatekeeper constraints to add")
    .option("--config <file>", "configuration file (default: DIR/mergegate.yaml)")
    .option("--policy <dir>", "a folder of conftest-style Rego policies (repeatable)", collect, [])
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (dir: string | undefined, flags: RulesFlags) => {
      const rules = await listRules({ repo: dir ?? null, config: flags.config ?? null, policyPaths: flags.policy });
      process.stdout.write(flags.format === "json" ? JSON.stringify(rules, null, 2) + "\n" : table(rules));
    });
}
