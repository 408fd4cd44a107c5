// `mergegate init [DIR]`: scaffold mergegate.yaml, .pre-commit-config.yaml and the GitHub workflow; existing files
// are skipped (listed as such) unless --force.
import { Command } from "commander";
import { initRepo, ownerPlaceholder } from "@mergegate/core";

interface InitFlags {
  force: boolean;
  owner: string;
}

export function initCommand(): Command {
  return new Command("init")
    .description("write mergegate.yaml (from the detected environments), .pre-commit-config.yaml and .github/workflows/mergegate.yml")
    .argument("[DIR]", "the environment repository", ".")
    .option("--force", "overwrite files that exist", false)
    .option("--owner <name>", "GitHub owner of the mergegate repository the Action and the hook come from", ownerPlaceholder)
    .action(async (dir: string, flags: InitFlags) => {
      const result = await initRepo({ dir, force: flags.force, owner: flags.owner });
      const lines = result.files.map((file) =>
        file.status === "skipped" ? `skipped ${file.path} (it exists; --force overwrites it)` : `${file.status} ${file.path}`,
      );
      lines.push(`environments: ${result.environments.join(", ")}`);
      if (flags.owner === ownerPlaceholder) lines.push(`replace ${ownerPlaceholder} in the generated files with the mergegate repository's owner (or run with --owner)`);
      process.stdout.write(lines.join("\n") + "\n");
    });
}
