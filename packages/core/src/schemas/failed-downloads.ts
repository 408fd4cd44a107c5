// Failed on-demand schema downloads, remembered for an hour in the cache: a commit hook behind a firewall must not
// wait for the same download to time out on every commit. `mergegate schemas fetch` always tries again.
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { writeAtomically } from "../fs-atomic.js";

export const retryAfterMs = 60 * 60 * 1000;

interface FailedDownload {
  what: string;
  at: string;
  reason: string;
}

function markerFile(cacheRoot: string, what: string): string {
  return path.join(cacheRoot, "schemas", "failed", `${createHash("sha256").update(what).digest("hex").slice(0, 32)}.json`);
}

/** The reason of a failure of `what` less than an hour before `now`, or null. */
export function recentFailure(cacheRoot: string, what: string, now: Date = new Date()): string | null {
  let failed: FailedDownload;
  try {
    failed = JSON.parse(readFileSync(markerFile(cacheRoot, what), "utf8")) as FailedDownload;
  } catch {
    return null;
  }
  const at = Date.parse(failed.at);
  if (failed.what !== what || Number.isNaN(at) || now.getTime() - at >= retryAfterMs || now.getTime() < at) return null;
  return `${failed.reason} (at ${failed.at.slice(0, 16).replace("T", " ")} UTC; not retried for an hour: run \`mergegate schemas fetch\` to try now)`;
}

export function rememberFailure(cacheRoot: string, what: string, reason: string, now: Date = new Date()): void {
  try {
    writeAtomically(markerFile(cacheRoot, what), JSON.stringify({ what, at: now.toISOString(), reason } satisfies FailedDownload));
  } catch {
    // an unwritable cache only means the next run tries again
  }
}

export function forgetFailure(cacheRoot: string, what: string): void {
  rmSync(markerFile(cacheRoot, what), { force: true });
}
