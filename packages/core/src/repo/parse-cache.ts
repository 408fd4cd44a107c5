// The parse cache: each YAML file's document values from an earlier run, keyed by a hash of its text, so a run reads
// and hashes the repository but parses only what changed. One pack per checked folder under
// $XDG_CACHE_HOME/mergegate/parsed, holding the entries of that folder's files from earlier runs: a run appends what
// it parsed, unless that would leave more than a tenth of the pack unused by this run — then the pack is rewritten
// with the entries this run used.
// Each entry also holds the documents' outlines (outline.ts), so locating in an unchanged file needs no parse.
// Only files that parsed without any error and whose values JSON keeps exactly are cached; the others parse every run.
import { createHash } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeAtomically } from "../fs-atomic.js";
import { cacheRoot } from "../schemas/cache.js";
import { version } from "../version.js";

/** Bumped whenever what an entry holds, or how YAML is read into values, changes. */
const packFormat = 2;

/** A cached file: its values and its outlines, each as JSON (parsed when first used). */
export interface CachedParse {
  values: string;
  outlines: string;
}

export interface ParseCache {
  /** The key of a text. */
  keyOf(text: string): string;
  /** The entry for a key from an earlier run, or undefined. */
  lookup(key: string): CachedParse | undefined;
  /** Keeps the values and outlines of a freshly parsed text for the next run, when JSON holds the values exactly. */
  remember(key: string, values: readonly unknown[], outlines: () => readonly unknown[]): void;
  /** Writes what this run parsed that is new to the pack (see above); a pack that cannot be written is not an error. */
  save(): void;
}

/** `MERGEGATE_PARSE_CACHE=off` turns the cache off (for measuring). */
export function parseCacheEnabled(): boolean {
  return process.env["MERGEGATE_PARSE_CACHE"] !== "off";
}

export function openParseCache(root: string): ParseCache {
  const file = packPath(root);
  const earlier = readPack(file);
  const used = new Map<string, CachedParse>();
  return {
    keyOf: (text) => createHash("sha1").update(text).digest("base64"),
    lookup(key) {
      const json = earlier.get(key) ?? used.get(key);
      if (json !== undefined) used.set(key, json);
      return json;
    },
    remember(key, values, outlines) {
      const json = exactJson(values);
      if (json === null) return;
      used.set(key, { values: json, outlines: JSON.stringify(outlines()) });
    },
    save() {
      const line = ([key, entry]: [string, CachedParse]): string => `${key}\t${entry.values}\t${entry.outlines}\n`;
      const fresh = [...used].filter(([key]) => !earlier.has(key));
      // after an append the pack holds the earlier entries and the fresh ones; this run used `used.size` of them
      const held = earlier.size + fresh.length;
      const appendable = earlier.size > 0 && (held - used.size) * 10 <= held;
      if (appendable && fresh.length === 0) return;
      try {
        // one write of whole lines: a reader of a pack half appended drops the last, unfinished line
        if (appendable) appendFileSync(file, fresh.map(line).join(""));
        else writeAtomically(file, `${header()}\n` + [...used].map(line).join(""));
      } catch {
        // the next run parses again
      }
    },
  };
}

function header(): string {
  return `mergegate-parsed ${packFormat} ${version}`;
}

function packPath(root: string): string {
  const name = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 32);
  return path.join(cacheRoot(), "parsed", `${name}.pack`);
}

/** key → entry (JSON holds no raw tab or newline); an absent, unreadable or older pack is empty. */
function readPack(file: string): Map<string, CachedParse> {
  const entries = new Map<string, CachedParse>();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return entries;
  }
  // up to the last newline: a line after it is still being appended
  const lines = text.slice(0, text.lastIndexOf("\n") + 1).split("\n");
  if (lines[0] !== header()) return entries;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    const tab = line.indexOf("\t");
    const second = line.indexOf("\t", tab + 1);
    if (tab > 0 && second > tab) entries.set(line.slice(0, tab), { values: line.slice(tab + 1, second), outlines: line.slice(second + 1) });
  }
  return entries;
}

/** The values as JSON when JSON.parse gives them back exactly (no NaN, Infinity, -0, binary, Map, Set or __proto__ key), else null. */
export function exactJson(values: readonly unknown[]): string | null {
  const exact = (value: unknown, depth: number): boolean => {
    if (depth > 1000) return false;
    if (value === null || typeof value === "string" || typeof value === "boolean") return true;
    if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
    if (Array.isArray(value)) return value.every((item) => exact(item, depth + 1));
    if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const key of Object.keys(value)) if (key === "__proto__" || !exact((value as Record<string, unknown>)[key], depth + 1)) return false;
    return true;
  };
  if (!values.every((value) => exact(value, 0))) return null;
  try {
    return JSON.stringify(values);
  } catch {
    return null;
  }
}
