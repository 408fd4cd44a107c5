// Reading policy sources from disk: .rego modules and JSON/YAML data documents, as `opa eval -d` loads them.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseJSONData } from "@mergegate/rego";
import { parse } from "yaml";
import { GateError } from "../errors.js";

export interface PolicySources {
  modules: { file: string; source: string }[];
  /** Base documents, merged under `data` at each data file's folder path. */
  data: Record<string, unknown>;
}

function filesUnder(target: string): string[] {
  let info;
  try {
    info = statSync(target);
  } catch {
    throw new GateError("no such file or directory", target);
  }
  if (info.isFile()) return [target];
  return readdirSync(target, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Loads every .rego module and .json/.yaml data file under the given paths. */
export function loadPolicySources(paths: readonly string[]): PolicySources {
  const sources: PolicySources = { modules: [], data: {} };
  for (const root of paths) {
    const base = statSync(root, { throwIfNoEntry: false })?.isDirectory() === true ? root : path.dirname(root);
    for (const file of filesUnder(root)) {
      const shown = path.relative(process.cwd(), file) || file;
      if (file.endsWith(".rego")) sources.modules.push({ file: shown, source: readFileSync(file, "utf8") });
      else if (/\.(json|ya?ml)$/.test(file)) {
        const prefix = path.relative(base, path.dirname(file)).split(path.sep).filter((segment) => segment !== "");
        merge(sources.data, prefix, readDocument(file, shown), shown);
      }
    }
  }
  return sources;
}

/** A JSON or YAML document (input or data); a gate error naming the file when it does not parse. */
export function readDocument(file: string, shown = file): unknown {
  const text = readFileSync(file, "utf8");
  try {
    // JSON numbers keep their text (1.0, 1e3) and big integers their digits, as OPA's json.Number does.
    return file.endsWith(".json") ? parseJSONData(text) : parse(text);
  } catch (error) {
    throw new GateError(`cannot parse: ${(error as Error).message.split("\n")[0] ?? ""}`, shown);
  }
}

function merge(target: Record<string, unknown>, prefix: string[], value: unknown, file: string): void {
  let node = target;
  for (const segment of prefix) {
    const next = node[segment];
    if (next === undefined) node[segment] = {};
    else if (typeof next !== "object" || next === null || Array.isArray(next)) throw new GateError(`data conflict at ${prefix.join(".")}`, file);
    node = node[segment] as Record<string, unknown>;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GateError("a data file must hold an object", file);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key in node) throw new GateError(`data conflict: ${[...prefix, key].join(".")} is defined twice`, file);
    node[key] = entry;
  }
}
