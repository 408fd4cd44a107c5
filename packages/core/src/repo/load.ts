// Loads the repository: discovers files, reads every text file, and parses the YAML ones keeping positions. Nothing
// is skipped silently: a file that cannot be read, is binary, too large, not UTF-8 or over a YAML budget is listed
// in `skipped` (yaml/skipped-file reports it); text with a NUL byte or invalid UTF-8 is still loaded for the secrets scan.
import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Document, YAMLError } from "yaml";
import type { SourceFile } from "../types.js";
import { gitPlaceOf } from "../git/git.js";
import { discoverFiles, listFiles, type Listing } from "./discover.js";
import { lineStartsOf } from "./positions.js";
import { documentsOf, retainedTrees } from "./documents.js";
import { identitiesOf, sharedIdentities, type DocumentIdentity } from "./identities.js";
import { outlinesOf, type Outline } from "./outline.js";
import { openParseCache, parseCacheEnabled, type ParseCache } from "./parse-cache.js";
import { RecentlyUsed } from "./recently-used.js";
import { documentCountOf, maxDocumentsPerFile, parseYaml, plainValue } from "./yaml-budget.js";

export const maxFileBytes = 10 * 1024 * 1024;

export interface SkippedFile {
  path: string;
  repoPath: string;
  /**
   * binary and oversize files are not read; unreadable ones could not be; invalid-utf8 files are read with
   * replacement characters; too-many-documents and too-deep YAML files are read as text but not parsed.
   */
  reason: "binary" | "oversize" | "unreadable" | "link-outside" | "invalid-utf8" | "too-many-documents" | "too-deep";
  bytes: number;
  /** What went wrong, for unreadable files (the system's error). */
  detail?: string;
}

export interface LoadedRepo {
  /** Absolute path of DIR. */
  root: string;
  reportPrefix: string;
  /** Loaded text files by DIR-relative path (YAML files with their documents). */
  files: Map<string, SourceFile>;
  skipped: SkippedFile[];
}

export function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Folders holding a Chart.yaml are Helm charts: their templates are Go templates, not YAML. */
export function chartTemplateFilter(files: readonly string[]): (file: string) => boolean {
  const chartRoots = files
    .filter((file) => path.posix.basename(file) === "Chart.yaml")
    .map((file) => (path.posix.dirname(file) === "." ? "" : path.posix.dirname(file) + "/"));
  return (file) => chartRoots.some((root) => file.startsWith(root) && file.slice(root.length).includes("/"));
}

/**
 * Loads DIR; a snapshot (an extracted commit or index) passes its report prefix and is walked, not asked of git.
 * `listed`: DIR's files as the caller listed them already (listFiles), else listed here.
 */
export async function loadRepo(root: string, exclude: readonly string[] = [], snapshotPrefix: string | null = null, listed?: Promise<Listing>): Promise<LoadedRepo> {
  const listing = await (listed ?? listFiles(root, snapshotPrefix, snapshotPrefix === null ? await gitPlaceOf(root) : null));
  const discovery = discoverFiles(root, exclude, listing);
  const inChartTemplates = chartTemplateFilter(discovery.files);
  const files = new Map<string, SourceFile>();
  const skipped: SkippedFile[] = [];
  const realRoot = realpathOf(root);
  // a snapshot is a temporary folder: its files are parsed, never cached under its passing name
  const cache = snapshotPrefix === null && parseCacheEnabled() ? openParseCache(root) : null;
  try {
    for (const repoPath of discovery.files) {
      const parse = (isYamlPath(repoPath) || path.posix.basename(repoPath) === "Kustomization") && !inChartTemplates(repoPath);
      const result = loadFile(root, realRoot, discovery.reportPrefix, repoPath, parse, cache);
      if (result.skipped !== null) skipped.push(result.skipped);
      if (result.source !== null) files.set(result.source.repoPath, result.source);
    }
    cache?.save();
  } finally {
    cache?.close();
  }
  return { root, reportPrefix: discovery.reportPrefix, files, skipped };
}

function realpathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

interface Loaded {
  source: SourceFile | null;
  skipped: SkippedFile | null;
}

/** Reads one file. Synchronous on purpose: parsing is the work and it is single-threaded; sync reads are 5× cheaper here. */
function loadFile(root: string, realRoot: string, reportPrefix: string, repoPath: string, parse: boolean, cache: ParseCache | null): Loaded {
  const absolutePath = path.join(root, repoPath);
  const reportPath = reportPrefix + repoPath;
  const skip = (reason: SkippedFile["reason"], bytes: number, detail?: string): Loaded => ({ source: null, skipped: { path: reportPath, repoPath, reason, bytes, ...(detail === undefined ? {} : { detail }) } });
  let bytes: Buffer;
  try {
    // one lstat for a plain file; a link is followed only when it stays inside the repository
    let info = lstatSync(absolutePath);
    if (info.isSymbolicLink()) {
      const target = realpathSync(absolutePath);
      if (target !== realRoot && !target.startsWith(realRoot + path.sep)) return skip("link-outside", 0);
      info = statSync(absolutePath);
    }
    if (!info.isFile()) return { source: null, skipped: null }; // a folder, socket or device: not a file of the repository
    if (info.size > maxFileBytes) return skip("oversize", info.size);
    bytes = readBytes(absolutePath, info.size);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !isLink(absolutePath)) return { source: null, skipped: null }; // listed by git, deleted in the work tree
    return skip("unreadable", 0, code ?? (error as Error).message);
  }
  if (isBinary(bytes)) return skip("binary", bytes.length);
  const text = decodeUtf8(bytes);
  const loaded = loadText(reportPath, repoPath, absolutePath, text ?? bytes.toString("utf8"), parse, text === null ? null : cache);
  if (text === null) return { source: loaded.source, skipped: { path: reportPath, repoPath, reason: "invalid-utf8", bytes: bytes.length } };
  return { source: loaded.source, skipped: loaded.budget === null ? null : { path: reportPath, repoPath, reason: loaded.budget, bytes: bytes.length } };
}

/**
 * A file's bytes, read into a buffer sized by the stat already made (readFileSync would stat it once more: 4,000
 * files cost 4,000 more calls), and on to the end when the file grew since. A read shorter than asked is the end of
 * a regular file: no further read to be told so.
 */
function readBytes(file: string, size: number): Buffer {
  const fd = openSync(file, "r");
  try {
    let buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const wanted = buffer.length - length;
      const read = readSync(fd, buffer, length, wanted, null);
      length += read;
      if (read < wanted) return buffer.subarray(0, length);
    }
  } finally {
    closeSync(fd);
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Binary: more than 8 control bytes (NUL included), and more than 1%, in the first 8,000 bytes. Text with a stray NUL byte is
 * still text: it is parsed (the NUL is a YAML error) and scanned for secrets.
 */
function isBinary(bytes: Buffer): boolean {
  const length = Math.min(bytes.length, 8000);
  let control = 0;
  // an indexed loop: a Buffer's iterator costs several times more, on every file of the repository
  for (let index = 0; index < length; index++) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control > Math.max(8, length / 100);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A file's text loaded, parsed unless it is over a YAML budget (then loaded as text only, for the secrets scan). */
function loadText(reportPath: string, repoPath: string, absolutePath: string, text: string, parse: boolean, cache: ParseCache | null): { source: SourceFile; budget: "too-many-documents" | "too-deep" | null } {
  if (parse && documentCountOf(text) > maxDocumentsPerFile) return { source: parseSource(reportPath, repoPath, absolutePath, text, false), budget: "too-many-documents" };
  try {
    return { source: parseSource(reportPath, repoPath, absolutePath, text, parse, cache), budget: null };
  } catch (error) {
    if (error instanceof RangeError) return { source: parseSource(reportPath, repoPath, absolutePath, text, false), budget: "too-deep" };
    throw error;
  }
}

export function parseSource(
  reportPath: string,
  repoPath: string,
  absolutePath: string,
  text: string,
  parse = true,
  cache: ParseCache | null = null,
): SourceFile {
  const key = parse && cache !== null ? cache.keyOf(text) : null;
  const cached = key === null ? undefined : cache?.lookup(key);
  if (cached !== undefined) return new LoadedFile(reportPath, repoPath, absolutePath, text, true, cached.values, cached.identities, null, cached.outlines);
  const parsed = parse ? parseYaml(text) : [];
  const mayHaveAliases = text.includes("*");
  const values = parsed.map((document) => plainValue(document, mayHaveAliases));
  const errors = parsed.map((document) => document.errors);
  const cacheable = key !== null && parsed.every((document) => document.errors.length === 0 && document.warnings.length === 0);
  // the outlines written for the next run serve this one too: its findings are located without a second parse
  const identities = identitiesOf(values);
  const readOutlines = cacheable ? (cache?.remember(key, identities, values, () => outlinesOf(parsed)) ?? null) : null;
  return new LoadedFile(reportPath, repoPath, absolutePath, text, parse, values, identities, errors, readOutlines);
}

/**
 * Outlines are read for a file's findings, located one after the other (gate.ts), so only the last file's are kept:
 * keeping more lets them live long enough to be moved to the old generation (96 MB of it at 60k resources).
 */
const recentOutlines = new RecentlyUsed<(Outline | null)[] | undefined>(1);
/** Line starts serve the origin file and the kustomizations a finding is located through, as syntax trees do. */
const recentLineStarts = new RecentlyUsed<number[]>(retainedTrees);
const noErrors: YAMLError[] = Object.freeze([]) as unknown as YAMLError[];

/**
 * A loaded file. Values and identities the parse cache served wait as JSON bytes until first used (such a file had no errors); line
 * starts, syntax trees (documents.ts) and outlines (read from the pack) are derived on demand and kept for the files
 * used last only. A class rather than getters defined on each object: per-object closures cost 1.2 KB a file.
 */
class LoadedFile implements SourceFile {
  #values: unknown[] | Buffer;
  #identities: (DocumentIdentity | null)[] | string;
  #errors: YAMLError[][] | null;
  readonly #parsed: boolean;
  /** The outlines' JSON, for a file the parse cache served (null when the pack lost them); null: none. */
  readonly #readOutlines: (() => string | null) | null;

  constructor(
    readonly path: string,
    readonly repoPath: string,
    readonly absolutePath: string,
    readonly text: string,
    parsed: boolean,
    values: unknown[] | Buffer,
    identities: (DocumentIdentity | null)[] | string,
    errors: YAMLError[][] | null,
    readOutlines: (() => string | null) | null,
  ) {
    this.#parsed = parsed;
    this.#values = values;
    this.#identities = identities;
    this.#errors = errors;
    this.#readOutlines = readOutlines;
  }

  get values(): unknown[] {
    if (Buffer.isBuffer(this.#values)) this.#values = JSON.parse(this.#values.toString("utf8")) as unknown[];
    return this.#values;
  }

  get identities(): (DocumentIdentity | null)[] {
    if (typeof this.#identities === "string") this.#identities = sharedIdentities(JSON.parse(this.#identities) as (DocumentIdentity | null)[]);
    return this.#identities;
  }

  get errors(): YAMLError[][] {
    // a file the parse cache served had no errors: one empty list per document, counted without reading the values
    this.#errors ??= this.identities.map(() => noErrors);
    return this.#errors;
  }

  get lineStarts(): number[] {
    return recentLineStarts.of(this, () => lineStartsOf(this.text));
  }

  get documents(): Document.Parsed[] {
    return this.#parsed ? documentsOf(this, this.text) : [];
  }

  /** Undefined when the parse cache holds no entry for the file, or the pack lost it: it is then located from its syntax tree. */
  get outlines(): (Outline | null)[] | undefined {
    const read = this.#readOutlines;
    if (read === null) return undefined;
    return recentOutlines.of(this, () => {
      const json = read();
      return json === null ? undefined : (JSON.parse(json) as (Outline | null)[]);
    });
  }
}
