// Loads the repository: discovers files, reads text files, parses YAML documents keeping positions.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import type { SourceFile } from "../types.js";
import { discoverFiles } from "./discover.js";
import { lineStartsOf } from "./positions.js";

export const maxFileBytes = 10 * 1024 * 1024;
const readConcurrency = 64;

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
  /** Loaded text files by DIR-relative path. */
  files: Map<string, SourceFile>;
  skipped: SkippedFile[];
}

export function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Folders holding a Chart.yaml are Helm charts: their templates are Go templates, not YAML. */
function chartTemplateFilter(files: readonly string[]): (file: string) => boolean {
  const chartRoots = files
    .filter((file) => path.posix.basename(file) === "Chart.yaml")
    .map((file) => (path.posix.dirname(file) === "." ? "" : path.posix.dirname(file) + "/"));
  return (file) => chartRoots.some((root) => file.startsWith(root) && file.slice(root.length).includes("/"));
}

export async function loadRepo(root: string, exclude: readonly string[] = []): Promise<LoadedRepo> {
  const discovery = await discoverFiles(root, exclude);
  const inChartTemplates = chartTemplateFilter(discovery.files);
  const files = new Map<string, SourceFile>();
  const skipped: SkippedFile[] = [];
  const wanted = discovery.files.filter(isYamlPath);
  for (let start = 0; start < wanted.length; start += readConcurrency) {
    const batch = wanted.slice(start, start + readConcurrency);
    const loaded = await Promise.all(
      batch.map((repoPath) => loadFile(root, discovery.reportPrefix, repoPath, !inChartTemplates(repoPath))),
    );
    for (const result of loaded) {
      if (result === null) continue;
      if ("reason" in result) skipped.push(result);
      else files.set(result.repoPath, result);
    }
  }
  return { root, reportPrefix: discovery.reportPrefix, files, skipped };
}

async function loadFile(
  root: string,
  reportPrefix: string,
  repoPath: string,
  parse: boolean,
): Promise<SourceFile | SkippedFile | null> {
  const absolutePath = path.join(root, repoPath);
  const reportPath = reportPrefix + repoPath;
  let info;
  try {
    info = await stat(absolutePath);
  } catch {
    return null; // listed by git but deleted in the work tree
  }
  if (!info.isFile()) return null;
  if (info.size > maxFileBytes) return { path: reportPath, repoPath, reason: "oversize", bytes: info.size };
  const bytes = await readFile(absolutePath);
  if (bytes.subarray(0, 8000).includes(0)) return { path: reportPath, repoPath, reason: "binary", bytes: info.size };
  const text = bytes.toString("utf8");
  return parseSource(reportPath, repoPath, absolutePath, text, parse);
}

export function parseSource(
  reportPath: string,
  repoPath: string,
  absolutePath: string,
  text: string,
  parse = true,
): SourceFile {
  const documents = parse ? parseAllDocuments(text, { prettyErrors: false }) : [];
  return {
    path: reportPath,
    repoPath,
    absolutePath,
    text,
    documents: Array.isArray(documents) ? documents : [],
    lineStarts: lineStartsOf(text),
  };
}
