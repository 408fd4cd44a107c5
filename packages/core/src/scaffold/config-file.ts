// mergegate.yaml for `mergegate init`: the detected environments written out, so the gate stops guessing.
import { stringify } from "yaml";
import type { Environment } from "../types.js";

/**
 * The environments are written out when a `path` each says all of them; environments followed from Flux or Argo CD
 * (several folders, a target namespace, variables …) stay detected, since `environments:` would replace them all.
 */
export function configFileText(environments: readonly Environment[]): string {
  if (!environments.every(expressible)) return followedText(environments);
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

function expressible(env: Environment): boolean {
  const unit = env.units[0];
  if (env.units.length !== 1 || unit === undefined || unit.path !== env.path) return false;
  const plain = unit.plain;
  const plainWhole = plain === undefined || (plain.recurse && plain.include.length === 0 && plain.exclude.length === 0 && plain.skipDirs.length === 0);
  return unit.overlay === null && unit.substitute === null && unit.helm === undefined && plainWhole;
}

function followedText(environments: readonly Environment[]): string {
  return [
    "# mergegate configuration, written by `mergegate init`.",
    "# The environments are followed from the repository's Flux and Argo CD objects, so they are not listed here",
    "# (an `environments:` map would replace that detection):",
    ...environments.map((env) => `#   ${env.name} (${env.path})`),
    "",
    "version: 1",
    "",
    "# More settings (see mergegate.schema.json):",
    "# promotion: [dev, staging, prod]    # the order changes move through environments",
    "# kubernetesVersion: \"1.33\"          # the release schemas are checked against",
    "# policies: { paths: [policy] }      # your own conftest-style Rego policies",
    "",
  ].join("\n");
}
