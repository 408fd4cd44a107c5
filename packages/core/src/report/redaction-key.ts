// The repository's redaction key: its root commit id (the same in every clone, on CI and laptops, for base and
// head), or the folder's absolute path outside git — so markers and fingerprints cannot come from a dictionary.
import { spawnSync } from "node:child_process";
import path from "node:path";

export function redactionKeyOf(dir: string): string {
  const run = spawnSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: dir, encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "ignore"] });
  const roots = run.status === 0 ? run.stdout.split("\n").filter((line) => /^[0-9a-f]{40,64}$/.test(line)).sort() : [];
  return `mergegate-redaction:${roots[0] ?? path.resolve(dir)}`;
}
