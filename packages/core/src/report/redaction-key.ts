// The repository's redaction key: its root commit id (the same in every clone, on CI and laptops, for base and
// head), or the folder's absolute path outside git — so markers and fingerprints cannot come from a dictionary.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { runTool } from "../subprocess.js";

const rootCommits = ["rev-list", "--max-parents=0", "HEAD"];

export function redactionKeyOf(dir: string): string {
  const run = spawnSync("git", rootCommits, { cwd: dir, encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "ignore"] });
  return keyOf(dir, run.status === 0 ? run.stdout : null);
}

/** The same key, asked of git without blocking: the gate asks while it loads the tree. */
export async function redactionKeyFor(dir: string): Promise<string> {
  const run = await runTool("git", rootCommits, { cwd: dir, timeoutMs: 30_000 });
  return keyOf(dir, run.spawnError === null && run.code === 0 ? run.stdout : null);
}

function keyOf(dir: string, listed: string | null): string {
  const roots = listed === null ? [] : listed.split("\n").filter((line) => /^[0-9a-f]{40,64}$/.test(line)).sort();
  return `mergegate-redaction:${roots[0] ?? path.resolve(dir)}`;
}
