// The baseline: fingerprints of accepted findings (no line numbers, so they survive edits and squash merges).
import { existsSync, readFileSync } from "node:fs";
import { GateError } from "../../errors.js";
import { writeAtomically } from "../../fs-atomic.js";
import type { Finding } from "../../types.js";

export const defaultBaselineFile = ".mergegate/baseline.json";

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string | null;
}

export interface Baseline {
  version: 1;
  fingerprints: BaselineEntry[];
}

export function loadBaseline(absolutePath: string, reportPath: string): Baseline {
  if (!existsSync(absolutePath)) return { version: 1, fingerprints: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(absolutePath, "utf8"));
  } catch (error) {
    throw new GateError(`invalid baseline: ${(error as Error).message}`, reportPath);
  }
  const entries = (value as { fingerprints?: unknown }).fingerprints;
  if ((value as { version?: unknown }).version !== 1 || !Array.isArray(entries) || !entries.every(isEntry)) {
    throw new GateError('invalid baseline: expected { "version": 1, "fingerprints": [{ "fingerprint", "rule", "file" }] }', reportPath);
  }
  return { version: 1, fingerprints: entries };
}

function isEntry(entry: unknown): entry is BaselineEntry {
  const candidate = entry as Partial<BaselineEntry> | null;
  return typeof candidate?.fingerprint === "string" && typeof candidate.rule === "string" && (candidate.file === null || typeof candidate.file === "string");
}

export function entryOf(finding: Finding): BaselineEntry {
  return { fingerprint: finding.fingerprint, rule: finding.rule, file: finding.location?.file ?? null };
}

/** Writes the baseline atomically, entries sorted so the file diffs well. */
export function saveBaseline(absolutePath: string, baseline: Baseline): void {
  const unique = new Map(baseline.fingerprints.map((entry) => [entry.fingerprint, entry]));
  const fingerprints = [...unique.values()].sort((a, b) =>
    `${a.file ?? ""}\u0000${a.rule}\u0000${a.fingerprint}` < `${b.file ?? ""}\u0000${b.rule}\u0000${b.fingerprint}` ? -1 : 1,
  );
  writeAtomically(absolutePath, JSON.stringify({ version: 1, fingerprints }, null, 2) + "\n");
}
