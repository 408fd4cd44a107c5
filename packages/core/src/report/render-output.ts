// `mergegate render`: each environment's objects in a stable order and formatting, as one stream or one file per object.
import { Document, visit } from "yaml";
import { compareKeys } from "../diff/render-diff.js";
import { GateError } from "../errors.js";
import type { EnvironmentRender, Render, ResourceKey } from "../types.js";

export const renderFormatNames = ["yaml", "json"] as const;
export type RenderFormat = (typeof renderFormatNames)[number];

/** Strings a YAML reader would take for another type get double quotes, as Go's yaml.v3 (kustomize's writer) does. */
const otherType = new RegExp(
  [
    "^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)$",
    "^[-+]?(\\d[\\d_]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$",
    "^[-+]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$",
    "^[-+]?\\.(inf|Inf|INF)$|^\\.(nan|NaN|NAN)$",
    "^[-+]?\\d+(:[0-5]?\\d)+(\\.\\d*)?$",
  ].join("|"),
);

/** kustomize's own style: keys sorted, sequences not indented, no line folding, its choice of quotes. */
export function objectYaml(object: unknown): string {
  const document = new Document(object, { sortMapEntries: true, aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== "string") return;
      const multiLine = node.value.includes("\n");
      // yaml.v3 writes multi-line strings as literal blocks unless a line ends in a space, which a block would lose.
      if (multiLine ? /[ \t]\n|[ \t]$/.test(node.value) : otherType.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return document.toString({ indentSeq: false, lineWidth: 0, singleQuote: true, doubleQuotedAsJSON: true });
}

function sortedResources(envRender: EnvironmentRender): EnvironmentRender["resources"] {
  return [...envRender.resources].sort((a, b) => compareKeys(a.key, b.key));
}

/** Sorts keys deeply, so JSON output is as stable as the YAML. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

export function checkRenderFormat(format: string): RenderFormat {
  if (!(renderFormatNames as readonly string[]).includes(format)) {
    throw new GateError(`unknown format "${format}" (one of: ${renderFormatNames.join(", ")})`);
  }
  return format as RenderFormat;
}

/** All environments as one stream: YAML documents under a comment per environment, or one JSON document. */
export function formatRenderStream(render: Render, format: RenderFormat): string {
  if (format === "json") {
    const environments = render.environments.map((envRender) => ({
      name: envRender.env.name,
      path: envRender.env.path,
      objects: sortedResources(envRender).map((resource) => sortKeys(resource.object)),
    }));
    return JSON.stringify({ version: 1, environments }, null, 2) + "\n";
  }
  return render.environments
    .map((envRender) => {
      const header = `# environment: ${envRender.env.name} (${envRender.env.path})\n`;
      return header + sortedResources(envRender).map((resource) => "---\n" + objectYaml(resource.object)).join("");
    })
    .join("");
}

export interface RenderedFile {
  /** Relative to the output folder: `<env>/<namespace or _cluster>/<kind>-<name>.<ext>`. */
  path: string;
  text: string;
}

/** One file per object, for `--out DIR`. */
export function renderFiles(render: Render, format: RenderFormat): RenderedFile[] {
  const files: RenderedFile[] = [];
  for (const envRender of render.environments) {
    const used = new Set<string>();
    for (const resource of sortedResources(envRender)) {
      const base = `${envRender.env.name}/${fileStem(resource.key)}`;
      let candidate = base;
      for (let counter = 2; used.has(candidate); counter++) candidate = `${base}-${counter}`;
      used.add(candidate);
      const text = format === "json" ? JSON.stringify(sortKeys(resource.object), null, 2) + "\n" : objectYaml(resource.object);
      files.push({ path: `${candidate}.${format}`, text });
    }
  }
  return files;
}

function fileStem(key: ResourceKey): string {
  const safe = (text: string | null, fallback: string): string => (text ?? fallback).replace(/[^A-Za-z0-9._-]/g, "_");
  return `${safe(key.namespace, "_cluster")}/${safe(key.kind, "unknown").toLowerCase()}-${safe(key.name, "unnamed")}`;
}
