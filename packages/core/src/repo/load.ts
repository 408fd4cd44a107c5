// Loads the repository: discovers files, reads every text file (binaries and oversize files are skipped),
// and parses the YAML ones keeping positions.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments, YAMLParseError, type Document } from "yaml";
import type { SourceFile } from "../types.js";
import { discoverFiles } from "./discover.js";
import { lineStartsOf } from "./positions.js";

export const maxFileBytes = 10 * 1024 * 1024;

export interface SkippedFile {
  path: string;
  repoPath: string;
  reason: "binary" | "oversize";
  bytes: number;
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

/** Loads DIR; a snapshot (an extracted commit or index) passes its report prefix and is walked, not asked of git. */
export async function loadRepo(root: string, exclude: readonly string[] = [], snapshotPrefix: string | null = null): Promise<LoadedRepo> {
  const discovery = await discoverFiles(root, exclude, snapshotPrefix);
  const inChartTemplates = chartTemplateFilter(discovery.files);
  const files = new Map<string, SourceFile>();
  const skipped: SkippedFile[] = [];
  for (const repoPath of discovery.files) {
    const result = loadFile(root, discovery.reportPrefix, repoPath, isYamlPath(repoPath) && !inChartTemplates(repoPath));
    if (result === null) continue;
    if ("reason" in result) skipped.push(result);
    else files.set(result.repoPath, result);
  }
  return { root, reportPrefix: discovery.reportPrefix, files, skipped };
}

/** Reads one file. Synchronous on purpose: parsing is the work and it is single-threaded; sync reads are 5× cheaper here. */
function loadFile(root: string, reportPrefix: string, repoPath: string, parse: boolean): SourceFile | SkippedFile | null {
  const absolutePath = path.join(root, repoPath);
  const reportPath = reportPrefix + repoPath;
  let bytes: Buffer;
  try {
    const info = statSync(absolutePath);
    if (!info.isFile()) return null;
    if (info.size > maxFileBytes) return { path: reportPath, repoPath, reason: "oversize", bytes: info.size };
    bytes = readFileSync(absolutePath);
  } catch {
    return null; // listed by git but deleted in the work tree, or unreadable
  }
  if (bytes.subarray(0, 8000).includes(0)) return { path: reportPath, repoPath, reason: "binary", bytes: bytes.length };
  return parseSource(reportPath, repoPath, absolutePath, bytes.toString("utf8"), parse);
}

export function parseSource(
  reportPath: string,
  repoPath: string,
  absolutePath: string,
  text: string,
  parse = true,
): SourceFile {
  const parsed = parse ? parseYaml(text) : [];
  const values = parsed.map(plainValue);
  const errors = parsed.map((document) => document.errors);
  let documents: Document.Parsed[] | null = null;
  return {
    path: reportPath,
    repoPath,
    absolutePath,
    text,
    values,
    errors,
    lineStarts: lineStartsOf(text),
    get documents(): Document.Parsed[] {
      documents ??= parse ? parseYaml(text) : [];
      return documents;
    },
  };
}

function parseYaml(text: string): Document.Parsed[] {
  const documents = parseAllDocuments(text, { prettyErrors: false, logLevel: "error" });
  return Array.isArray(documents) ? documents : [];
}

/** The document's value; an alias bomb (too many aliases) becomes an error of the document instead of a crash. */
function plainValue(document: Document.Parsed): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const start = document.range[0];
    document.errors.push(new YAMLParseError([start, start + 1], "BAD_ALIAS", (error as Error).message));
    return null;
  }
}
