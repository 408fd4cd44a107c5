// The repo's Rego: policies.paths (relative to DIR) and --policy folders, loaded with report-relative file names.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { ModuleSource } from "@mergegate/rego";
import { GateError } from "../../errors.js";

export interface RepoPolicies {
  modules: ModuleSource[];
  data: Record<string, unknown>;
  /** YAML documents of the folders (Gatekeeper templates and constraints). */
  documents: unknown[];
}

function filesUnder(folder: string): string[] {
  if (statSync(folder).isFile()) return [folder];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Loads the folders; `shown` turns an absolute path into the path findings print. */
export function loadRepoPolicies(folders: readonly string[], shown: (file: string) => string): RepoPolicies {
  const loaded: RepoPolicies = { modules: [], data: {}, documents: [] };
  for (const folder of folders) {
    if (!existsSync(folder)) throw new GateError("policy folder not found", shown(folder));
    for (const file of filesUnder(folder)) {
      if (file.endsWith("_test.rego")) continue;
      if (file.endsWith(".rego")) loaded.modules.push({ file: shown(file), source: readFileSync(file, "utf8") });
      else if (/\.(ya?ml|json)$/.test(file)) addDocuments(loaded, file, shown(file));
    }
  }
  return loaded;
}

function addDocuments(loaded: RepoPolicies, file: string, name: string): void {
  const text = readFileSync(file, "utf8");
  let values: unknown[];
  try {
    values = file.endsWith(".json") ? [JSON.parse(text)] : text.split(/^---\s*$/m).map((part) => parse(part) as unknown);
  } catch (error) {
    throw new GateError(`cannot parse: ${(error as Error).message.split("\n")[0] ?? ""}`, name);
  }
  for (const value of values) {
    if (typeof value !== "object" || value === null) continue;
    if ("kind" in value && "apiVersion" in value) loaded.documents.push(value);
    else Object.assign(loaded.data, value);
  }
}

/** `--data PATH` (conftest's flag): JSON and YAML files, or folders of them, merged at the root of `data`. */
export function loadPolicyData(paths: readonly string[], shown: (file: string) => string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const entry of paths) {
    if (!existsSync(entry)) throw new GateError("data file or folder not found", shown(entry));
    for (const file of filesUnder(entry).filter((candidate) => /\.(ya?ml|json)$/.test(candidate))) {
      const text = readFileSync(file, "utf8");
      let values: unknown[];
      try {
        values = file.endsWith(".json") ? [JSON.parse(text)] : text.split(/^---\s*$/m).map((part) => parse(part) as unknown);
      } catch (error) {
        throw new GateError(`cannot parse: ${(error as Error).message.split("\n")[0] ?? ""}`, shown(file));
      }
      for (const value of values) if (typeof value === "object" && value !== null && !Array.isArray(value)) Object.assign(data, value);
    }
  }
  return data;
}
