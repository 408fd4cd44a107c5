// Temporary folders of one run (kustomize wrappers, helm values, git snapshots): named with the run's process id,
// removed when the run ends — also on SIGINT/SIGTERM — and, at the next start, removed when their run was killed.
import { lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();
let prepared = false;
/** Folders of the current naming (`mergegate-<kind>-<pid>-XXXXXX`) and of older versions (`mergegate-<kind>-XXXXXX`). */
const ours = /^mergegate-(kustomize|helm|base|index|tree)-(?:(\d+)-)?[A-Za-z0-9]{6}$/;
/** Folders without a process id are stale after this long. */
const legacyAgeMs = 24 * 60 * 60 * 1000;

/**
 * A new temporary folder `mergegate-<kind>-<pid>-XXXXXX`; remove it with removeTempFolder. Made synchronously: a build
 * started while the caller goes on must reach its spawn without waiting for the caller to yield.
 */
export function makeTempFolder(kind: "kustomize" | "helm" | "base" | "index" | "tree"): string {
  prepare();
  const folder = mkdtempSync(path.join(os.tmpdir(), `mergegate-${kind}-${process.pid}-`));
  live.add(folder);
  return folder;
}

export async function removeTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  live.delete(folder);
}

function prepare(): void {
  if (prepared) return;
  prepared = true;
  removeStaleFolders();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      removeLiveFolders();
      process.kill(process.pid, signal); // the listener is gone: the default action ends the process as the signal does
    });
  }
  process.once("exit", removeLiveFolders);
}

function removeLiveFolders(): void {
  for (const folder of live) rmSync(folder, { recursive: true, force: true });
  live.clear();
}

/** Folders of runs that no longer exist (killed before they could clean up). */
export function removeStaleFolders(tmp = os.tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    const match = ours.exec(name);
    if (match === null) continue;
    const folder = path.join(tmp, name);
    const pid = match[2] === undefined ? null : Number(match[2]);
    try {
      if (pid === process.pid || (pid !== null && isRunning(pid))) continue;
      if (pid === null && Date.now() - lstatSync(folder).mtimeMs < legacyAgeMs) continue;
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
