// Flags shared by several commands, defined once (CONTRACTS.md, "Shared flags").
import { Option, type Command } from "commander";

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addEnvironmentFlags(command: Command): Command {
  return command
    .argument("[DIR]", "the environment repository", ".")
    .option("--env <name>", "only this environment (repeatable)", collect, [])
    .option("--config <file>", "configuration file (default: DIR/mergegate.yaml)")
    .option("--allow-remote", "let kustomize fetch remote bases", false);
}

export function formatOption(names: readonly string[], fallback: string): Option {
  return new Option("--format <format>", "output format").choices([...names]).default(fallback);
}
