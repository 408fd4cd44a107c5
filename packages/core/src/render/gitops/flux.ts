// Flux as it applies the repository: from each cluster entry (the `flux-system` Kustomization, or a folder holding
// `flux-system/gotk-*.yaml`), every Kustomization object reached — its path, source, targetNamespace, patches,
// components, images and postBuild variables — becomes a unit of the one environment named after the cluster.
import path from "node:path";
import type { RenderProblem, SourceFile } from "../../types.js";
import { isKustomizationFile, kustomizationFileIn } from "../kustomization-files.js";
import { helmReleaseChart } from "../helm.js";
import { isObject } from "../resource.js";
import { decideGitSource, treePath, type SourceDecision } from "./local-source.js";
import { appliedFiles, conventionName, conventionRoot, folderName, type GitopsEnvironment, type GitopsModel } from "./model.js";
import { describeObject, isFluxKustomization, objectLocation, stringData, type RepoObject } from "./objects.js";
import { substituteDeep } from "./substitute.js";
import type { ThisRepository } from "./this-repository.js";
import type { RenderUnit, UnitOverlay } from "./units.js";

interface Cluster {
  key: string;
  name: string;
  distinctName: string;
  path: string;
  units: RenderUnit[];
  /** Files this cluster applies: its sources and variables are looked up there first (clusters reuse names). */
  applied: Set<SourceFile>;
}

interface Context {
  objects: readonly RepoObject[];
  files: Map<string, SourceFile>;
  folders: ReadonlySet<string>;
  repo: ThisRepository;
  clusters: Map<string, Cluster>;
  visited: Set<RepoObject>;
  notes: RenderProblem[];
}

const defaultNamespace = "flux-system";

export function fluxEnvironments(objects: readonly RepoObject[], files: Map<string, SourceFile>, folders: ReadonlySet<string>, repo: ThisRepository): GitopsModel {
  const context: Context = { objects, files, folders, repo, clusters: new Map(), visited: new Set(), notes: [] };
  const kustomizations = objects.filter(isFluxKustomization);
  for (const entry of clusterEntries(context, kustomizations)) {
    const cluster = clusterFor(context, `entry:${entry.path}`, folderName(entry.path), entry.path, entry.path);
    walk(context, cluster, entry.path, { overlay: null, substitute: null, missing: [], definedIn: entry.definedIn, via: entry.via });
  }
  // Kustomizations no cluster entry reaches (a partial copy without flux-system): their folder stands for the cluster.
  const foreignClusters = foreignClusterFolders(context);
  for (const kustomization of kustomizations) {
    if (context.visited.has(kustomization)) continue;
    const folder = path.posix.dirname(kustomization.file.repoPath);
    // A cluster whose own flux-system source is foreign applies its folder from there, not from this tree.
    if (foreignClusters.some((cluster) => folder === cluster || folder.startsWith(`${cluster}/`))) continue;
    const cluster = clusterFor(context, `entry:${folder}`, folderName(folder), folder, folder);
    walk(context, cluster, folder, { overlay: null, substitute: null, missing: [], definedIn: [], via: null });
  }
  const environments: GitopsEnvironment[] = [...context.clusters.values()]
    .filter((cluster) => cluster.units.length > 0)
    .map((cluster) => ({ name: cluster.name, distinctName: cluster.distinctName, path: cluster.path, units: cluster.units, detectedBy: "flux" }));
  return { environments, notes: context.notes };
}

/** The cluster folders (the parent of `flux-system/`) whose flux-system Kustomization syncs from another source. */
function foreignClusterFolders(context: Context): string[] {
  return context.notes
    .filter((note) => note.rule === "render/external-source" && note.location !== null && /(^|\/)flux-system\/[^/]+$/.test(note.location.file))
    .map((note) => path.posix.dirname(path.posix.dirname(note.location?.file ?? "")));
}

interface Entry {
  path: string;
  definedIn: string[];
  via: string;
}

/** `flux-system` Kustomizations of this repository, then folders that hold a bootstrap's `flux-system/gotk-*.yaml`. */
function clusterEntries(context: Context, kustomizations: readonly RepoObject[]): Entry[] {
  const entries: Entry[] = [];
  for (const kustomization of kustomizations.filter((candidate) => candidate.name === "flux-system")) {
    const decision = fluxSource(context, null, kustomization, kustomization.spec);
    context.visited.add(kustomization);
    if (!decision.local) {
      context.notes.push(externalNote(kustomization, decision.reason));
      continue;
    }
    if (!entries.some((entry) => entry.path === decision.path)) entries.push({ path: decision.path, definedIn: [kustomization.file.repoPath], via: describeObject(kustomization) });
  }
  const syncFolders = new Set(kustomizations.filter((candidate) => candidate.name === "flux-system").map((candidate) => path.posix.dirname(candidate.file.repoPath)));
  for (const file of [...context.files.keys()].sort()) {
    if (!/(^|\/)flux-system\/gotk-(components|sync)\.ya?ml$/.test(file)) continue;
    // A committed flux-system Kustomization decides that cluster (also when it syncs from elsewhere).
    if (syncFolders.has(path.posix.dirname(file))) continue;
    const parent = path.posix.dirname(path.posix.dirname(file));
    const folder = parent === "" ? "." : parent;
    if (!entries.some((entry) => entry.path === folder)) entries.push({ path: folder, definedIn: [], via: `Flux cluster ${folder}` });
  }
  return entries;
}

function clusterFor(context: Context, key: string, name: string, shownPath: string, distinctName: string): Cluster {
  let cluster = context.clusters.get(key);
  if (cluster === undefined) {
    cluster = { key, name, distinctName, path: shownPath, units: [], applied: new Set() };
    context.clusters.set(key, cluster);
  }
  return cluster;
}

interface Application {
  overlay: UnitOverlay | null;
  substitute: Record<string, string> | null;
  missing: string[];
  definedIn: string[];
  via: string | null;
}

/** Adds the units of one folder to the cluster and follows the Kustomization objects they apply. */
function walk(context: Context, cluster: Cluster, folder: string, application: Application): void {
  const units = folderUnits(context.files, folder, application);
  for (const unit of units) {
    if (cluster.units.some((existing) => JSON.stringify(existing) === JSON.stringify(unit))) continue;
    cluster.units.push(unit);
  }
  const applied = new Set(units.flatMap((unit) => appliedFiles(unit, context.files)));
  for (const file of applied) cluster.applied.add(file);
  for (const object of context.objects) {
    if (!applied.has(object.file) || context.visited.has(object)) continue;
    if (isFluxKustomization(object)) follow(context, cluster, object, application.substitute);
    else if (object.group === "helm.toolkit.fluxcd.io" && object.kind === "HelmRelease") noteForeignChart(context, object);
  }
}

function follow(context: Context, parent: Cluster, kustomization: RepoObject, parentVariables: Record<string, string> | null): void {
  context.visited.add(kustomization);
  const spec = parentVariables === null ? kustomization.spec : substituteDeep(kustomization.spec, parentVariables, new Set());
  const decision = fluxSource(context, parent, kustomization, spec);
  if (!decision.local) {
    context.notes.push(externalNote(kustomization, decision.reason));
    return;
  }
  const cluster = isObject(spec["kubeConfig"]) ? remoteCluster(context, kustomization, spec["kubeConfig"], decision.path) : parent;
  const { substitute, missing } = postBuildVariables(context, parent, kustomization, spec);
  walk(context, cluster, decision.path, {
    overlay: overlayOf(spec, decision.path),
    substitute,
    missing,
    definedIn: [kustomization.file.repoPath],
    via: `Flux ${describeObject(kustomization)}`,
  });
  for (const name of dependsOn(spec)) {
    const target = context.objects.find((object) => isFluxKustomization(object) && object.name === name.name && (object.namespace ?? defaultNamespace) === (name.namespace ?? kustomization.namespace ?? defaultNamespace));
    if (target !== undefined && !context.visited.has(target)) follow(context, cluster, target, parentVariables);
  }
}

/** A HelmRelease whose chart is not a folder of this repository (a Helm or OCI repository) is not rendered from it. */
function noteForeignChart(context: Context, release: RepoObject): void {
  context.visited.add(release);
  if (helmReleaseChart(release.value, context.files) !== null) return;
  const chart = isObject(release.spec["chart"]) && isObject(release.spec["chart"]["spec"]) ? release.spec["chart"]["spec"] : {};
  const reference = isObject(chart["sourceRef"]) ? chart["sourceRef"] : isObject(release.spec["chartRef"]) ? release.spec["chartRef"] : {};
  const kind = typeof reference["kind"] === "string" ? reference["kind"] : "a chart source";
  const name = typeof chart["chart"] === "string" ? `the chart ${chart["chart"]} of ` : "";
  context.notes.push(externalNote(release, `${name}${kind} ${typeof reference["name"] === "string" ? reference["name"] : ""}`.trim()));
}

/** A Kustomization with `kubeConfig` applies to another cluster: one environment per kubeconfig secret, named by its path. */
function remoteCluster(context: Context, kustomization: RepoObject, kubeConfig: Record<string, unknown>, folder: string): Cluster {
  const reference = isObject(kubeConfig["secretRef"]) ? kubeConfig["secretRef"] : isObject(kubeConfig["configMapRef"]) ? kubeConfig["configMapRef"] : {};
  const namespace = kustomization.namespace ?? defaultNamespace;
  const secret = typeof reference["name"] === "string" ? reference["name"] : "kubeconfig";
  const key = `kubeconfig:${namespace}/${secret}`;
  const named = conventionName(folder);
  const name = named ?? (namespace === defaultNamespace ? secret : namespace);
  return clusterFor(context, key, name, named === null ? folder : conventionRoot(folder), `${namespace}/${secret}`);
}

function dependsOn(spec: Record<string, unknown>): { name: string; namespace: string | null }[] {
  const list = Array.isArray(spec["dependsOn"]) ? spec["dependsOn"].filter(isObject) : [];
  return list.flatMap((entry) => (typeof entry["name"] === "string" ? [{ name: entry["name"], namespace: typeof entry["namespace"] === "string" ? entry["namespace"] : null }] : []));
}

/** Flux applies a folder without a kustomization as the kustomization it generates: its manifests, and sub-folders with their own kustomization whole. */
function folderUnits(files: Map<string, SourceFile>, folder: string, application: Application): RenderUnit[] {
  const common = {
    overlay: application.overlay,
    substitute: application.substitute,
    ...(application.missing.length > 0 ? { missingVariableSources: application.missing } : {}),
    definedIn: application.definedIn,
    via: application.via,
  };
  if (kustomizationFileIn(files, folder) !== null) return [{ path: folder, renderer: "kustomize", ...common }];
  const prefix = folder === "." ? "" : folder + "/";
  const nested = new Set<string>();
  for (const file of files.keys()) {
    if (!file.startsWith(prefix) || !isKustomizationFile(file)) continue;
    nested.add(path.posix.dirname(file));
  }
  const topmost = [...nested].filter((dir) => ![...nested].some((other) => other !== dir && dir.startsWith(other + "/"))).sort();
  return [
    { path: folder, renderer: "plain", plain: { recurse: true, include: [], exclude: [], skipDirs: topmost }, ...common },
    ...topmost.map((dir): RenderUnit => ({ path: dir, renderer: "kustomize", ...common })),
  ];
}

/** targetNamespace, patches, components, images, namePrefix/nameSuffix and commonMetadata, as kustomize would apply them. */
function overlayOf(spec: Record<string, unknown>, folder: string): UnitOverlay | null {
  const overlay: UnitOverlay = {};
  if (typeof spec["targetNamespace"] === "string") overlay.namespace = spec["targetNamespace"];
  if (Array.isArray(spec["patches"]) && spec["patches"].length > 0) overlay.patches = spec["patches"];
  if (Array.isArray(spec["images"]) && spec["images"].length > 0) overlay.images = spec["images"];
  if (Array.isArray(spec["components"])) {
    const components = spec["components"].filter((entry): entry is string => typeof entry === "string").map((entry) => path.posix.normalize(path.posix.join(folder, entry)));
    if (components.length > 0) overlay.components = components;
  }
  if (typeof spec["namePrefix"] === "string") overlay.namePrefix = spec["namePrefix"];
  if (typeof spec["nameSuffix"] === "string") overlay.nameSuffix = spec["nameSuffix"];
  const metadata = isObject(spec["commonMetadata"]) ? spec["commonMetadata"] : {};
  if (isObject(metadata["labels"])) overlay.labels = metadata["labels"] as Record<string, string>;
  if (isObject(metadata["annotations"])) overlay.annotations = metadata["annotations"] as Record<string, string>;
  return Object.keys(overlay).length === 0 ? null : overlay;
}

/** `postBuild.substituteFrom` ConfigMaps and Secrets of the repository, then `postBuild.substitute` over them. */
function postBuildVariables(context: Context, cluster: Cluster, kustomization: RepoObject, spec: Record<string, unknown>): { substitute: Record<string, string> | null; missing: string[] } {
  const postBuild = isObject(spec["postBuild"]) ? spec["postBuild"] : null;
  if (postBuild === null) return { substitute: null, missing: [] };
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const namespace = kustomization.namespace ?? defaultNamespace;
  for (const source of Array.isArray(postBuild["substituteFrom"]) ? postBuild["substituteFrom"].filter(isObject) : []) {
    const kind = source["kind"] === "Secret" ? "Secret" : "ConfigMap";
    const name = typeof source["name"] === "string" ? source["name"] : "";
    const found = findObject(context, cluster, "", kind, name, namespace);
    if (found === undefined) {
      if (source["optional"] !== true) missing.push(`${kind} ${namespace}/${name}`);
      continue;
    }
    Object.assign(values, stringData(found));
  }
  if (isObject(postBuild["substitute"])) {
    for (const [key, value] of Object.entries(postBuild["substitute"])) if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values[key] = String(value);
  }
  return { substitute: values, missing };
}

/** The folder a Kustomization applies, when its source is this repository at the checked revision. */
function fluxSource(context: Context, cluster: Cluster | null, kustomization: RepoObject, spec: Record<string, unknown>): SourceDecision {
  const reference = isObject(spec["sourceRef"]) ? spec["sourceRef"] : {};
  const kind = typeof reference["kind"] === "string" ? reference["kind"] : "GitRepository";
  const name = typeof reference["name"] === "string" ? reference["name"] : "";
  const namespace = typeof reference["namespace"] === "string" ? reference["namespace"] : (kustomization.namespace ?? defaultNamespace);
  const sourcePath = typeof spec["path"] === "string" ? spec["path"] : "./";
  if (kind === "GitRepository") return gitRepository(context, cluster, name, namespace, sourcePath, kustomization);
  if (kind === "ExternalArtifact") return externalArtifact(context, cluster, name, namespace, sourcePath);
  const what = kind === "OCIRepository" ? "an OCI artifact" : kind === "Bucket" ? "a bucket" : "not a Git repository";
  return { local: false, reason: `${kind} ${namespace}/${name} (${what})` };
}

function gitRepository(context: Context, cluster: Cluster | null, name: string, namespace: string, sourcePath: string, near: RepoObject): SourceDecision {
  const repository = findObject(context, cluster, "source.toolkit.fluxcd.io", "GitRepository", name, namespace, near);
  if (repository === undefined) {
    // The bootstrap's own GitRepository is this repository even where gotk-sync.yaml is not committed.
    if (name === "flux-system") return decideGitSource({ url: null, revision: null, pinned: null, path: sourcePath }, context.repo, context.folders);
    return { local: false, reason: `GitRepository ${namespace}/${name}, which is not in this repository` };
  }
  const ref = isObject(repository.spec["ref"]) ? repository.spec["ref"] : {};
  const pinned = ["tag", "semver", "commit", "name"].find((key) => typeof ref[key] === "string");
  const decision = decideGitSource(
    {
      url: typeof repository.spec["url"] === "string" ? repository.spec["url"] : null,
      revision: typeof ref["branch"] === "string" ? ref["branch"] : null,
      pinned: pinned === undefined ? null : `${pinned} ${String(ref[pinned])}`,
      path: sourcePath,
    },
    context.repo,
    context.folders,
  );
  return decision.local ? decision : { local: false, reason: `GitRepository ${namespace}/${name}: ${decision.reason}` };
}

/** An ArtifactGenerator's artifact: its copy rules map the artifact's paths back to the Git source's folders. */
function externalArtifact(context: Context, cluster: Cluster | null, name: string, namespace: string, sourcePath: string): SourceDecision {
  for (const generator of preferApplied(cluster, context.objects.filter((object) => object.kind === "ArtifactGenerator" && (object.namespace ?? defaultNamespace) === namespace))) {
    const artifacts = Array.isArray(generator.spec["artifacts"]) ? generator.spec["artifacts"].filter(isObject) : [];
    const artifact = artifacts.find((candidate) => candidate["name"] === name);
    if (artifact === undefined) continue;
    const wanted = (treePath(sourcePath, "") ?? ".").replace(/^\.$/, "");
    const copies = (Array.isArray(artifact["copy"]) ? artifact["copy"].filter(isObject) : [])
      .map((copy) => ({ from: String(copy["from"] ?? ""), to: String(copy["to"] ?? "").replace(/^@artifact\/?/, "").replace(/\/+$/, "") }))
      .filter((copy) => copy.to === "" || wanted === copy.to || wanted.startsWith(copy.to + "/"))
      .sort((a, b) => b.to.length - a.to.length);
    const copy = copies[0];
    const from = copy === undefined ? null : /^@([^/]+)\/?(.*?)(\/\*\*|\/\*)?$/.exec(copy.from);
    if (copy === undefined || from === null) return { local: false, reason: `ExternalArtifact ${namespace}/${name}: no copy rule of ${describeObject(generator)} holds ${sourcePath}` };
    const sources = Array.isArray(generator.spec["sources"]) ? generator.spec["sources"].filter(isObject) : [];
    const source = sources.find((candidate) => candidate["alias"] === from[1]);
    if (source === undefined || (source["kind"] ?? "GitRepository") !== "GitRepository") return { local: false, reason: `ExternalArtifact ${namespace}/${name} (source ${from[1] ?? ""} is not a Git repository)` };
    const rest = wanted.slice(copy.to.length).replace(/^\//, "");
    const mapped = path.posix.join(from[2] ?? "", rest) || ".";
    return gitRepository(context, cluster, String(source["name"] ?? ""), typeof source["namespace"] === "string" ? source["namespace"] : namespace, mapped, generator);
  }
  return { local: false, reason: `ExternalArtifact ${namespace}/${name}, which no ArtifactGenerator of this repository produces` };
}

/** The object of that identity this cluster applies, else any in the repository. */
function findObject(context: Context, cluster: Cluster | null, group: string, kind: string, name: string, namespace: string, near?: RepoObject): RepoObject | undefined {
  const matching = context.objects.filter((object) => object.group === group && object.kind === kind && object.name === name && (object.namespace === null || object.namespace === namespace));
  return preferApplied(cluster, near === undefined ? matching : nearestFirst(near, matching))[0];
}

/** Clusters reuse names (every bootstrap has a `flux-system` GitRepository): the one beside the referring object wins. */
function nearestFirst(near: RepoObject, objects: readonly RepoObject[]): RepoObject[] {
  const folder = path.posix.dirname(near.file.repoPath);
  const rank = (object: RepoObject): number => (object.file === near.file ? 0 : path.posix.dirname(object.file.repoPath) === folder ? 1 : 2);
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

function preferApplied(cluster: Cluster | null, objects: readonly RepoObject[]): RepoObject[] {
  if (cluster === null) return [...objects];
  return [...objects.filter((object) => cluster.applied.has(object.file)), ...objects.filter((object) => !cluster.applied.has(object.file))];
}

export function externalNote(object: RepoObject, reason: string): RenderProblem {
  return { rule: "render/external-source", message: `${describeObject(object)} is not rendered from this tree: its source is ${reason}`, location: objectLocation(object) };
}
