// External tools for tests: a suite that needs one skips with a reason when it is absent,
// unless MERGEGATE_REQUIRE_TOOLS lists it (as CI does), where its absence fails the run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const versionArgs: Record<string, string[]> = {
  kubectl: ["version", "--client"],
  git: ["--version"],
  tmux: ["-V"],
  "pre-commit": ["--version"],
  openssl: ["version"],
};

export function hasTool(name: string): boolean {
  const result = spawnSync(name, versionArgs[name] ?? ["--version"], { stdio: "ignore" });
  const present = result.error === undefined && result.status === 0;
  const required = (process.env["MERGEGATE_REQUIRE_TOOLS"] ?? "").split(",").map((tool) => tool.trim());
  if (!present && required.includes(name)) {
    throw new Error(`${name} is required (MERGEGATE_REQUIRE_TOOLS) but is not installed`);
  }
  if (!present) console.warn(`skipping: ${name} is not installed`);
  return present;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** ../shared beside the project: external test material, present in CI. */
export const sharedRoot = path.resolve(projectRoot, "../shared");

export function hasShared(): boolean {
  const present = existsSync(path.join(sharedRoot, "env-repos"));
  if (!present) console.warn(`skipping: ${sharedRoot} is not present`);
  return present;
}
