// Schemas in kubeconform's layout: a folder or URL template of JSON Schemas, one file per kind and version.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { GroupVersionKind } from "./api-groups.js";
import { templateSchemaPath } from "./cache.js";
import { convertSchema } from "./convert.js";
import { writeAtomically } from "../fs-atomic.js";
import { download, DownloadError } from "./download.js";
import type { ResolvedSchema, SchemaSource } from "./schema-source.js";

export interface TemplateOptions {
  offline: boolean;
  cacheRoot: string;
  timeoutMs: number;
}

/** Fills kubeconform's template variables ({{ .ResourceKind }}, {{.KindSuffix}}, …) for one kind. */
export function expandTemplate(template: string, gvk: GroupVersionKind, kubernetesVersion: string, strict = true): string {
  const groupPrefix = gvk.group === "" ? gvk.version : gvk.group.split(".")[0] ?? gvk.group;
  const kindSuffix = gvk.group === "" ? `-${gvk.version}` : `-${groupPrefix.toLowerCase()}-${gvk.version.toLowerCase()}`;
  const values: Record<string, string> = {
    NormalizedKubernetesVersion: kubernetesVersion === "master" ? "master" : `v${kubernetesVersion}${/^\d+\.\d+$/.test(kubernetesVersion) ? ".0" : ""}`,
    StrictSuffix: strict ? "-strict" : "",
    ResourceKind: gvk.kind.toLowerCase(),
    ResourceAPIVersion: gvk.version,
    Group: groupPrefix,
    KindSuffix: kindSuffix,
  };
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export function isRemote(location: string): boolean {
  return /^https?:\/\//.test(location);
}

export function templateSource(template: string, options: TemplateOptions): SchemaSource {
  return {
    name: template,
    covers: () => true,
    async schemaFor(gvk, kubernetesVersion): Promise<ResolvedSchema | null> {
      const where = expandTemplate(template, gvk, kubernetesVersion);
      const text = isRemote(where) ? await remoteText(where, options) : existsSync(where) ? readFileSync(where, "utf8") : null;
      if (text === null) return null;
      const schema = convertSchema(JSON.parse(text), { rewriteRef: (ref) => ref, definitionName: null });
      return { cacheKey: `template:${createHash("sha256").update(text).digest("hex").slice(0, 24)}`, schema, shared: null };
    },
  };
}

/** A templated URL's schema from the cache, else downloaded into it; null when the server has no such file. */
async function remoteText(url: string, options: TemplateOptions): Promise<string | null> {
  const cached = templateSchemaPath(options.cacheRoot, url);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  if (options.offline) return null;
  try {
    const text = await download(url, options.timeoutMs);
    writeAtomically(cached, text);
    return text;
  } catch (error) {
    if (error instanceof DownloadError && error.message.endsWith("HTTP 404")) return null;
    throw error;
  }
}
