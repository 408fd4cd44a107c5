// The example repository's files (examples/acme-gitops) by relative path, for tests that commit them to a temp repo.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./tools.js";

export const exampleDir = path.join(projectRoot, "examples/acme-gitops");

export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(exampleDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files[path.relative(exampleDir, absolute).split(path.sep).join("/")] = readFileSync(absolute, "utf8");
  }
  return files;
}
