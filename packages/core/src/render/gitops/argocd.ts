// Argo CD as it applies the repository: Applications (app-of-apps children included, since they are files here too)
// and the Applications ApplicationSets generate (list, cluster, git directory and file generators, matrix), each
// local source a unit; apps are grouped by destination cluster and the environment their source path names.
import path from "node:path";
import { parse } from "yaml";
import type { HelmSource, RenderProblem, SourceFile } from "../../types.js";
import { kustomizationFileIn } from "../kustomization-files.js";
import { isObject } from "../resource.js";
import { externalNote } from "./flux.js";
import { globPattern } from "./globs.js";
import { decideGitSource, foreignRepository } from "./local-source.js";
import { conventionName, type GitopsEnvironment, type GitopsModel } from "./model.js";
import { isArgoApplication, isArgoApplicationSet, stringData, type RepoObject } from "./objects.js";
import type { ThisRepository } from "./this-repository.js";
import type { RenderUnit, UnitOverlay } from "./units.js";

type Values = Record<string, string>;

interface Context {
  files: Map<string, SourceFile>;
  folders: ReadonlySet<string>;
  repo: ThisRepository;
  notes: RenderProblem[];
}

interface Group {
  cluster: string;
  environment: string | null;
  path: string;
  units: RenderUnit[];
}

export interface ArgoModel extends GitopsModel {
  /** `kustomize.buildOptions` of an `argocd-cm` ConfigMap in the repository, split into flags. */
  buildOptions: string[] | null;
}

export function argoEnvironments(objects: readonly RepoObject[], files: Map<string, SourceFile>, folders: ReadonlySet<string>, repo: ThisRepository): ArgoModel {
  const context: Context = { files, folders, repo, notes: [] };
  const groups = new Map<string, Group>();
  const applications: { object: RepoObject; name: string; spec: Record<string, unknown> }[] = [];
  for (const object of objects) {
    if (isArgoApplication(object)) applications.push({ object, name: object.name, spec: object.spec });
    if (isArgoApplicationSet(object)) applications.push(...generatedApplications(context, object, objects));
  }
  for (const application of applications) addApplication(context, groups, application);
  const environments: GitopsEnvironment[] = [...groups.values()].map((group) => ({
    name: group.environment ?? group.cluster,
    distinctName: group.environment === null ? group.cluster : `${group.cluster}/${group.environment}`,
    path: group.path,
    units: group.units,
    detectedBy: "argocd",
  }));
  const config = objects.find((object) => object.group === "" && object.kind === "ConfigMap" && object.name === "argocd-cm");
  const options = config === undefined ? undefined : stringData(config)["kustomize.buildOptions"];
  return { environments, notes: context.notes, buildOptions: options === undefined ? null : options.split(/\s+/).filter((flag) => flag !== "") };
}

function addApplication(context: Context, groups: Map<string, Group>, application: { object: RepoObject; name: string; spec: Record<string, unknown> }): void {
  const { object, spec } = application;
  const cluster = clusterOf(spec);
  const units: RenderUnit[] = [];
  for (const source of sourcesOf(spec)) {
    const repoURL = typeof source["repoURL"] === "string" ? source["repoURL"] : null;
    if (typeof source["chart"] === "string") {
      context.notes.push(externalNote(object, `the Helm chart ${source["chart"]} of ${repoURL ?? "a chart repository"}`));
      continue;
    }
    if (typeof source["path"] !== "string") continue; // a `ref:` source only lends values files
    const revision = typeof source["targetRevision"] === "string" ? source["targetRevision"] : null;
    const decision = decideGitSource({ url: repoURL, revision, pinned: null, path: source["path"] }, context.repo, context.folders);
    if (!decision.local) {
      context.notes.push(externalNote(object, decision.reason));
      continue;
    }
    units.push(sourceUnit(context, decision.path, source, spec, application.name, object));
  }
  if (units.length === 0) return;
  const environment = units.map((unit) => conventionName(unit.path)).find((name) => name !== null) ?? null;
  const key = `${cluster}\u0000${environment ?? ""}`;
  const group = groups.get(key) ?? { cluster, environment, path: units[0]?.path ?? ".", units: [] };
  groups.set(key, group);
  for (const unit of units) if (!group.units.some((existing) => JSON.stringify(existing) === JSON.stringify(unit))) group.units.push(unit);
}

/** `destination.name`, else the server's host (`in-cluster` for the cluster Argo CD runs in). */
function clusterOf(spec: Record<string, unknown>): string {
  const destination = isObject(spec["destination"]) ? spec["destination"] : {};
  if (typeof destination["name"] === "string" && destination["name"] !== "") return destination["name"];
  const server = typeof destination["server"] === "string" ? destination["server"] : "";
  const host = server.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0] ?? "";
  return host === "" || host === "kubernetes.default.svc" ? "in-cluster" : host;
}

function sourceUnit(context: Context, folder: string, source: Record<string, unknown>, spec: Record<string, unknown>, appName: string, object: RepoObject): RenderUnit {
  const common = { overlay: null, substitute: null, definedIn: [object.file.repoPath], via: `Argo CD Application ${appName}` };
  if (kustomizationFileIn(context.files, folder) !== null) return { ...common, path: folder, renderer: "kustomize", overlay: kustomizeOverlay(source, folder) };
  if (context.files.has(folder === "." ? "Chart.yaml" : `${folder}/Chart.yaml`)) {
    const helm = helmOf(source, spec, folder, appName);
    return { ...common, path: folder, renderer: "helm", ...(helm === undefined ? {} : { helm }) };
  }
  const directory = isObject(source["directory"]) ? source["directory"] : {};
  const globs = (value: unknown): string[] => (typeof value === "string" && value !== "" ? [value] : []);
  return {
    ...common,
    path: folder,
    renderer: "plain",
    plain: { recurse: directory["recurse"] === true, include: globs(directory["include"]), exclude: globs(directory["exclude"]), skipDirs: [] },
  };
}

/** `source.kustomize`: images (`name=new:tag`), namePrefix/nameSuffix, commonLabels/commonAnnotations, namespace, patches, components. */
function kustomizeOverlay(source: Record<string, unknown>, folder: string): UnitOverlay | null {
  const kustomize = isObject(source["kustomize"]) ? source["kustomize"] : null;
  if (kustomize === null) return null;
  const overlay: UnitOverlay = {};
  if (Array.isArray(kustomize["images"])) overlay.images = kustomize["images"].filter((image): image is string => typeof image === "string").map(argoImage);
  if (typeof kustomize["namePrefix"] === "string") overlay.namePrefix = kustomize["namePrefix"];
  if (typeof kustomize["nameSuffix"] === "string") overlay.nameSuffix = kustomize["nameSuffix"];
  if (typeof kustomize["namespace"] === "string") overlay.namespace = kustomize["namespace"];
  if (isObject(kustomize["commonLabels"])) overlay.labels = kustomize["commonLabels"] as Record<string, string>;
  if (isObject(kustomize["commonAnnotations"])) overlay.annotations = kustomize["commonAnnotations"] as Record<string, string>;
  if (Array.isArray(kustomize["patches"]) && kustomize["patches"].length > 0) overlay.patches = kustomize["patches"];
  if (Array.isArray(kustomize["components"])) {
    const components = kustomize["components"].filter((entry): entry is string => typeof entry === "string").map((entry) => path.posix.normalize(path.posix.join(folder, entry)));
    if (components.length > 0) overlay.components = components;
  }
  return Object.keys(overlay).length === 0 ? null : overlay;
}

/** Argo CD's `[old=]name[:tag][@digest]` image override as a kustomize `images` entry. */
function argoImage(text: string): Record<string, string> {
  const [from, to] = text.includes("=") ? (text.split("=", 2) as [string, string]) : [null, text];
  const digestAt = to.indexOf("@");
  const digest = digestAt === -1 ? null : to.slice(digestAt + 1);
  const reference = digestAt === -1 ? to : to.slice(0, digestAt);
  const colon = reference.lastIndexOf(":");
  const hasTag = colon > reference.lastIndexOf("/");
  const name = hasTag ? reference.slice(0, colon) : reference;
  const entry: Record<string, string> = { name: from ?? name };
  if (from !== null) entry["newName"] = name;
  if (hasTag) entry["newTag"] = reference.slice(colon + 1);
  if (digest !== null) entry["digest"] = digest;
  return entry;
}

/** An Application source's `helm` block: valueFiles are relative to the source path; values may be a YAML string. */
function helmOf(source: Record<string, unknown>, spec: Record<string, unknown>, folder: string, name: string): HelmSource | undefined {
  const helm = isObject(source["helm"]) ? source["helm"] : null;
  if (helm === null) return undefined;
  const destination = isObject(spec["destination"]) ? spec["destination"] : {};
  const valueFiles = (Array.isArray(helm["valueFiles"]) ? helm["valueFiles"] : [])
    .filter((file): file is string => typeof file === "string" && !file.startsWith("$"))
    .map((file) => path.posix.normalize(path.posix.join(folder, file)))
    .filter((file) => !file.startsWith("../"));
  const fromString: unknown = typeof helm["values"] === "string" ? parse(helm["values"]) : null;
  const values = isObject(helm["valuesObject"]) ? helm["valuesObject"] : isObject(fromString) ? fromString : null;
  return {
    release: typeof helm["releaseName"] === "string" ? helm["releaseName"] : name,
    namespace: typeof destination["namespace"] === "string" ? destination["namespace"] : null,
    valueFiles,
    values,
  };
}

function sourcesOf(spec: Record<string, unknown>): Record<string, unknown>[] {
  const single = isObject(spec["source"]) ? [spec["source"]] : [];
  const many = Array.isArray(spec["sources"]) ? spec["sources"].filter(isObject) : [];
  return [...single, ...many];
}

/** The Applications an ApplicationSet's generators produce from this repository. */
function generatedApplications(context: Context, set: RepoObject, objects: readonly RepoObject[]): { object: RepoObject; name: string; spec: Record<string, unknown> }[] {
  const template = isObject(set.spec["template"]) ? set.spec["template"] : {};
  const generators = Array.isArray(set.spec["generators"]) ? set.spec["generators"].filter(isObject) : [];
  const parameterSets = generators.flatMap((generator) => generatorValues(context, set, generator, objects));
  return parameterSets.map((values) => {
    const generated = substituteTemplate(template, values) as Record<string, unknown>;
    const metadata = isObject(generated["metadata"]) ? generated["metadata"] : {};
    return { object: set, name: typeof metadata["name"] === "string" ? metadata["name"] : set.name, spec: isObject(generated["spec"]) ? generated["spec"] : {} };
  });
}

function generatorValues(context: Context, set: RepoObject, generator: Record<string, unknown>, objects: readonly RepoObject[]): Values[] {
  const list = isObject(generator["list"]) ? generator["list"] : null;
  if (list !== null) return (Array.isArray(list["elements"]) ? list["elements"].filter(isObject) : []).map((element) => flatten(element));
  const clusters = isObject(generator["clusters"]) ? generator["clusters"] : null;
  if (clusters !== null) return clusterValues(clusters, objects);
  const matrix = isObject(generator["matrix"]) ? generator["matrix"] : null;
  if (matrix !== null) {
    const children = Array.isArray(matrix["generators"]) ? matrix["generators"].filter(isObject) : [];
    return children.reduce<Values[]>((product, child) => product.flatMap((left) => generatorValues(context, set, child, objects).map((right) => ({ ...left, ...right }))), [{}]);
  }
  const git = isObject(generator["git"]) ? generator["git"] : null;
  if (git === null) return [];
  const foreign = foreignRepository({ url: typeof git["repoURL"] === "string" ? git["repoURL"] : null, revision: typeof git["revision"] === "string" ? git["revision"] : null, pinned: null }, context.repo);
  if (foreign !== null) {
    context.notes.push(externalNote(set, `a git generator reading ${foreign}`));
    return [];
  }
  if (Array.isArray(git["directories"])) return gitDirectories(git["directories"].filter(isObject), context.folders);
  if (Array.isArray(git["files"])) return gitFiles(git["files"].filter(isObject), context.files);
  return [];
}

/** Cluster Secrets of the repository (label `argocd.argoproj.io/secret-type: cluster`), plus `in-cluster` without a selector. */
function clusterValues(generator: Record<string, unknown>, objects: readonly RepoObject[]): Values[] {
  const selector = isObject(generator["selector"]) && isObject(generator["selector"]["matchLabels"]) ? (generator["selector"]["matchLabels"] as Record<string, unknown>) : null;
  const extra = isObject(generator["values"]) ? flatten(generator["values"], "values.") : {};
  const found: Values[] = [];
  for (const secret of objects.filter((object) => object.group === "" && object.kind === "Secret")) {
    const metadata = isObject(secret.value["metadata"]) ? secret.value["metadata"] : {};
    const labels = isObject(metadata["labels"]) ? (metadata["labels"] as Record<string, unknown>) : {};
    if (labels["argocd.argoproj.io/secret-type"] !== "cluster") continue;
    if (selector !== null && !Object.entries(selector).every(([key, value]) => labels[key] === value)) continue;
    const data = stringData(secret);
    const name = data["name"] ?? secret.name;
    found.push({ name, nameNormalized: name.toLowerCase().replace(/[^a-z0-9-.]/g, "-"), server: data["server"] ?? "", ...flatten(labels, "metadata.labels."), ...extra });
  }
  if (selector === null && !found.some((values) => values["server"] === "https://kubernetes.default.svc")) {
    found.push({ name: "in-cluster", nameNormalized: "in-cluster", server: "https://kubernetes.default.svc", ...extra });
  }
  return found;
}

/** Folders matching the include globs and none of the `exclude: true` ones, as Argo CD's path parameters. */
function gitDirectories(entries: Record<string, unknown>[], folders: ReadonlySet<string>): Values[] {
  const globs = (exclude: boolean): RegExp[] =>
    entries.filter((entry) => (entry["exclude"] === true) === exclude && typeof entry["path"] === "string").map((entry) => globPattern(String(entry["path"]).replace(/^\.\//, "")));
  const include = globs(false);
  const exclude = globs(true);
  return [...folders]
    .filter((folder) => folder !== "." && include.some((pattern) => pattern.test(folder)) && !exclude.some((pattern) => pattern.test(folder)))
    .sort()
    .map(pathValues);
}

/** Each matching JSON or YAML file's content (flattened) plus the path parameters of its folder. */
function gitFiles(entries: Record<string, unknown>[], files: ReadonlyMap<string, SourceFile>): Values[] {
  const patterns = entries.filter((entry) => typeof entry["path"] === "string").map((entry) => globPattern(String(entry["path"]).replace(/^\.\//, "")));
  const found: Values[] = [];
  for (const file of [...files.values()].sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1))) {
    if (!patterns.some((pattern) => pattern.test(file.repoPath))) continue;
    const contents: unknown[] = file.repoPath.endsWith(".json") ? [safeJson(file.text)] : file.values;
    for (const content of contents) {
      if (!isObject(content)) continue;
      const folder = path.posix.dirname(file.repoPath);
      found.push({ ...flatten(content), ...pathValues(folder === "" ? "." : folder), "path.filename": path.posix.basename(file.repoPath) });
    }
  }
  return found;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function pathValues(folder: string): Values {
  const segments = folder.split("/");
  const basename = segments[segments.length - 1] ?? folder;
  const values: Values = { path: folder, "path.path": folder, "path.basename": basename, "path.basenameNormalized": basename.replace(/[^a-zA-Z0-9-]/g, "-").toLowerCase() };
  segments.forEach((segment, index) => {
    values[`path[${index}]`] = segment;
    values[`path.segments[${index}]`] = segment;
  });
  return values;
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

function substituteTemplate(value: unknown, values: Values): unknown {
  if (typeof value === "string") return substitute(value, values);
  if (Array.isArray(value)) return value.map((item) => substituteTemplate(item, values));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteTemplate(item, values)]));
  return value;
}

/** `{{key}}` (fasttemplate) and `{{ .key }}` (goTemplate; `index .path.segments N` too) placeholders. */
function substitute(text: string, values: Values): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, expression: string) => {
    const segment = /^index\s+\.path\.segments\s+(\d+)$/.exec(expression);
    const key = segment !== null ? `path.segments[${segment[1]}]` : expression.replace(/^\./, "");
    return values[key] ?? whole;
  });
}
