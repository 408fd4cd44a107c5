// `mergegate explain RULE`: what a rule finds, its default severity and how to fix what it reports.
import { Command } from "commander";
import { explainRule, GateError } from "@mergegate/core";

export function explainCommand(): Command {
  return new Command("explain")
    .description("print a rule's documentation: what it finds, its default severity, how to fix it")
    .argument("<RULE>", "a rule id, e.g. k8s/invalid-name or policy/no-latest-tag")
    .action((rule: string) => {
      const meta = explainRule(rule);
      if (meta === undefined) throw new GateError(`unknown rule "${rule}" (see the rules table in the README)`);
      process.stdout.write(`${meta.id}  (default severity: ${meta.severity})\n\n${meta.description}\n\n${meta.docs}\n\nMore: ${meta.helpUri}\n`);
    });
}
