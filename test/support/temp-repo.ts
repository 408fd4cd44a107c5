// Small repositories written for one test, in a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TempRepo {
  root: string;
  remove(): void;
}

export function writeRepo(files: Record<string, string>): TempRepo {
  const root = mkdtempSync(path.join(os.tmpdir(), "mergegate-test-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
