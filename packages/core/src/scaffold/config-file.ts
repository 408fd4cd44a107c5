// mergegate.yaml for `mergegate init`: the detected environments written out, so the gate stops guessing.
import { stringify } from "yaml";
import type { Environment } from "../types.js";

export function configFileText(environments: readonly Environment[]): string {
  const settings = Object.fromEntries(
    environments.map((env) => [env.name, { path: env.path, renderer: env.renderer, failOn: env.failOn, ...(env.progressive ? { progressive: true } : {}) }]),
  );
  const header = [
    "# mergegate configuration, written by `mergegate init` from the environments it detected.",
    "# failOn: the lowest severity that fails an environment (error | warning | info | never).",
    "",
  ];
  const hints = [
    "",
    "# More settings (see mergegate.schema.json):",
    "# promotion: [dev, staging, prod]    # the order changes move through environments",
    "# kubernetesVersion: \"1.33\"          # the release schemas are checked against",
    "# policies: { paths: [policy] }      # your own conftest-style Rego policies",
    "",
  ];
  return header.join("\n") + stringify({ version: 1, environments: settings }, { lineWidth: 0 }) + hints.join("\n");
}
