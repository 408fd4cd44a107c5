// `--schema-location` / `schemas.locations`: an OpenAPI document, a CRD file or folder, or a kubeconform template.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { GateError } from "../errors.js";
import { crdFilesSource } from "./crd-files.js";
import { writeAtomically } from "../fs-atomic.js";
import { download } from "./download.js";
import { templateSchemaPath } from "./cache.js";
import { isOpenApiDocument, openApiSource } from "./openapi-source.js";
import type { SchemaSource } from "./schema-source.js";
import { isRemote, templateSource, type TemplateOptions } from "./template-source.js";

/** Sources over unchanged files are kept for the process, so a second run reuses converted documents. */
const remembered = new Map<string, SchemaSource[]>();

export async function sourcesOfLocation(location: string, baseDir: string, options: TemplateOptions): Promise<SchemaSource[]> {
  if (location.includes("{{")) return [templateSource(isRemote(location) ? location : path.resolve(baseDir, location), options)];
  if (isRemote(location)) return sourcesOfFile(location, location, await remoteDocument(location, options), options);
  const file = path.resolve(baseDir, location);
  if (!existsSync(file)) throw new GateError(`schema location not found: ${location}`);
  const stat = statSync(file);
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  let sources = remembered.get(key);
  if (sources === undefined) {
    sources = stat.isDirectory() ? sourcesOfFolder(location, file, options) : sourcesOfFile(location, key, file, options);
    remembered.set(key, sources);
  }
  return sources;
}

/** A remote document's cached copy, downloaded first when missing. */
async function remoteDocument(url: string, options: TemplateOptions): Promise<string> {
  const cached = templateSchemaPath(options.cacheRoot, url);
  if (existsSync(cached)) return cached;
  if (options.offline) throw new GateError(`schema location ${url} is not cached and --offline forbids downloading it`);
  const text = await download(url, options.timeoutMs);
  writeAtomically(cached, text);
  return cached;
}

/** One file: an OpenAPI document (JSON) or CRDs (YAML or JSON). */
function sourcesOfFile(name: string, id: string, file: string, options: TemplateOptions): SchemaSource[] {
  const text = readFileSync(file, "utf8");
  if (text.trimStart().startsWith("{")) {
    const document: unknown = JSON.parse(text);
    if (isOpenApiDocument(document)) return [openApiSource(name, `openapi:${id}`, () => document)];
  }
  return [crdFilesSource(name, [file], options.cacheRoot)];
}

/** A folder: CRD YAML and OpenAPI documents anywhere below it; other JSON files are a kubeconform layout. */
function sourcesOfFolder(name: string, folder: string, options: TemplateOptions): SchemaSource[] {
  const files = filesBelow(folder);
  const sources: SchemaSource[] = [];
  const crdFiles: string[] = [];
  let jsonSchemas = false;
  for (const file of files) {
    if (/\.ya?ml$/.test(file)) crdFiles.push(file);
    else if (file.endsWith(".json")) {
      const document: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (isOpenApiDocument(document)) sources.push(openApiSource(path.join(name, path.relative(folder, file)), `openapi:${file}`, () => document));
      else jsonSchemas = true;
    }
  }
  if (crdFiles.length > 0) sources.unshift(crdFilesSource(name, crdFiles, options.cacheRoot));
  if (jsonSchemas) sources.push(templateSource(path.join(folder, "{{.ResourceKind}}{{.KindSuffix}}.json"), options));
  return sources;
}

export function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
