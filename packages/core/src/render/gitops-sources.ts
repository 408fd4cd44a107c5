// Environments named by GitOps objects in the repo: Argo CD Applications and ApplicationSets (list and git
// directory generators) and Flux Kustomizations whose paths are folders of this repo.
import path from "node:path";
import { parse } from "yaml";
import type { HelmSource, SourceFile } from "../types.js";
import { foldersOf } from "./inputs.js";
import { isObject } from "./resource.js";

export interface GitopsRoot {
  name: string;
  root: string;
  /** An Argo CD Application's Helm release and values (used when the folder is a chart). */
  helm?: HelmSource;
}

type Values = Record<string, string>;

/** Every (name, folder) the repo's GitOps objects point at, in file order; folders absent from the repo are ignored. */
export function gitopsRoots(files: ReadonlyMap<string, SourceFile>): GitopsRoot[] {
  const folders = foldersOf(files);
  const roots: GitopsRoot[] = [];
  const add = (name: string | null, rawPath: unknown, helm?: HelmSource): void => {
    if (typeof rawPath !== "string") return;
    const root = normalize(rawPath);
    if (root === null || !folders.has(root) || roots.some((entry) => entry.root === root)) return;
    roots.push({ name: name !== null && name !== "" ? name : basename(root), root, ...(helm === undefined ? {} : { helm }) });
  };
  for (const file of [...files.values()].sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1))) {
    for (const value of file.values) {
      if (!isObject(value) || typeof value["apiVersion"] !== "string") continue;
      const group = value["apiVersion"].split("/")[0];
      const kind = value["kind"];
      const name = nameOf(value);
      const spec = isObject(value["spec"]) ? value["spec"] : {};
      if (group === "argoproj.io" && kind === "Application") {
        for (const source of sourcesOf(spec)) add(name, source["path"], helmOf(source, spec, name ?? "release"));
      } else if (group === "argoproj.io" && kind === "ApplicationSet") {
        for (const entry of applicationSetRoots(spec, folders)) add(entry.name, entry.path);
      } else if (group === "kustomize.toolkit.fluxcd.io" && kind === "Kustomization" && fromGitRepository(spec)) {
        add(name, spec["path"] ?? ".");
      }
    }
  }
  return distinctNames(roots);
}

/** Flux paths are relative to the source: only a GitRepository source can be this repo (OCI, buckets, artifacts are not). */
function fromGitRepository(spec: Record<string, unknown>): boolean {
  const sourceRef = isObject(spec["sourceRef"]) ? spec["sourceRef"] : {};
  return sourceRef["kind"] === undefined || sourceRef["kind"] === "GitRepository";
}

/** Object names where unique; else the folder name where that is unique; else the folder path. */
function distinctNames(roots: readonly GitopsRoot[]): GitopsRoot[] {
  const clashes = (names: readonly string[], name: string): boolean => names.filter((other) => other === name).length > 1;
  const names = roots.map((entry) => entry.name);
  const basenames = roots.map((entry) => basename(entry.root));
  return roots.map((entry, index) => {
    if (!clashes(names, entry.name)) return entry;
    const folder = basenames[index] ?? entry.root;
    return { name: clashes(basenames, folder) ? entry.root : folder, root: entry.root };
  });
}

function basename(root: string): string {
  return root === "." ? "default" : path.posix.basename(root);
}

/** An Application source's `helm` block: valueFiles are relative to the source path; values may be a YAML string. */
function helmOf(source: Record<string, unknown>, spec: Record<string, unknown>, name: string): HelmSource | undefined {
  const helm = isObject(source["helm"]) ? source["helm"] : null;
  const root = typeof source["path"] === "string" ? normalize(source["path"]) : null;
  if (helm === null || root === null) return undefined;
  const destination = isObject(spec["destination"]) ? spec["destination"] : {};
  const valueFiles = (Array.isArray(helm["valueFiles"]) ? helm["valueFiles"] : [])
    .filter((file): file is string => typeof file === "string")
    .map((file) => normalize(path.posix.join(root, file)))
    .filter((file): file is string => file !== null);
  const fromString: unknown = typeof helm["values"] === "string" ? parse(helm["values"]) : null;
  const values = isObject(helm["valuesObject"]) ? helm["valuesObject"] : isObject(fromString) ? fromString : null;
  return {
    release: typeof helm["releaseName"] === "string" ? helm["releaseName"] : name,
    namespace: typeof destination["namespace"] === "string" ? destination["namespace"] : null,
    valueFiles,
    values,
  };
}

function nameOf(object: Record<string, unknown>): string | null {
  const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
  return typeof metadata["name"] === "string" ? metadata["name"] : null;
}

function sourcesOf(spec: Record<string, unknown>): Record<string, unknown>[] {
  const single = isObject(spec["source"]) ? [spec["source"]] : [];
  const many = Array.isArray(spec["sources"]) ? spec["sources"].filter(isObject) : [];
  return [...single, ...many];
}

/** The template's name and path for every parameter set of the list and git-directory generators. */
function applicationSetRoots(spec: Record<string, unknown>, folders: ReadonlySet<string>): { name: string | null; path: string }[] {
  const template = isObject(spec["template"]) ? spec["template"] : {};
  const templateName = nameOf(template);
  const templateSpec = isObject(template["spec"]) ? template["spec"] : {};
  const paths = sourcesOf(templateSpec).map((source) => source["path"]).filter((value): value is string => typeof value === "string");
  const results: { name: string | null; path: string }[] = [];
  for (const values of generatorValues(spec, folders)) {
    for (const templatePath of paths) {
      results.push({ name: templateName === null ? null : substitute(templateName, values), path: substitute(templatePath, values) });
    }
  }
  return results;
}

function generatorValues(spec: Record<string, unknown>, folders: ReadonlySet<string>): Values[] {
  const generators = Array.isArray(spec["generators"]) ? spec["generators"].filter(isObject) : [];
  const sets: Values[] = [];
  for (const generator of generators) {
    const list = isObject(generator["list"]) ? generator["list"] : null;
    if (list !== null && Array.isArray(list["elements"])) {
      for (const element of list["elements"].filter(isObject)) sets.push(flatten(element));
    }
    const git = isObject(generator["git"]) ? generator["git"] : null;
    if (git !== null && Array.isArray(git["directories"])) sets.push(...gitDirectories(git["directories"].filter(isObject), folders));
  }
  return sets;
}

/** Folders matching the include globs and none of the `exclude: true` ones, as Argo CD's path parameters. */
function gitDirectories(entries: Record<string, unknown>[], folders: ReadonlySet<string>): Values[] {
  const globs = (exclude: boolean): RegExp[] =>
    entries.filter((entry) => (entry["exclude"] === true) === exclude && typeof entry["path"] === "string").map((entry) => globPattern(normalize(entry["path"] as string) ?? ""));
  const include = globs(false);
  const exclude = globs(true);
  return [...folders]
    .filter((folder) => include.some((pattern) => pattern.test(folder)) && !exclude.some((pattern) => pattern.test(folder)))
    .sort()
    .map((folder) => {
      const segments = folder.split("/");
      const values: Values = { path: folder, "path.path": folder, "path.basename": segments[segments.length - 1] ?? folder };
      values["path.basenameNormalized"] = (values["path.basename"] ?? "").replace(/[^a-zA-Z0-9-]/g, "-").toLowerCase();
      segments.forEach((segment, index) => {
        values[`path[${index}]`] = segment;
        values[`path.segments[${index}]`] = segment;
      });
      return values;
    });
}

function globPattern(glob: string): RegExp {
  const body = glob.split("/").map((segment) => (segment === "**" ? ".*" : segment.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))).join("/");
  return new RegExp(`^${body}$`);
}

/** Element values by dotted key ({cluster: {name: x}} → "cluster.name"). */
function flatten(element: Record<string, unknown>, prefix = ""): Values {
  const values: Values = {};
  for (const [key, value] of Object.entries(element)) {
    if (isObject(value)) Object.assign(values, flatten(value, `${prefix}${key}.`));
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values[`${prefix}${key}`] = String(value);
  }
  return values;
}

/** `{{key}}` (fasttemplate) and `{{ .key }}` (goTemplate; `index .path.segments N` too) placeholders. */
function substitute(text: string, values: Values): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, expression: string) => {
    const segment = /^index\s+\.path\.segments\s+(\d+)$/.exec(expression);
    const key = segment !== null ? `path.segments[${segment[1]}]` : expression.replace(/^\./, "");
    return values[key] ?? whole;
  });
}

function normalize(raw: string): string | null {
  const joined = path.posix.normalize(raw.replace(/\\/g, "/")).replace(/\/$/, "");
  if (joined === ".." || joined.startsWith("../") || joined.startsWith("/")) return null;
  return joined === "" ? "." : joined;
}
