// The render stage: every environment rendered by its renderer; failures become render problems, not crashes.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { visit, type Node } from "yaml";
import { lineColumnOf, nodeRange } from "../repo/positions.js";
import type { Environment, EnvironmentRender, Location, Render, RenderProblem, Resource, SourceFile } from "../types.js";
import { findHelm, helmReleaseCharts, helmTemplate } from "./helm.js";
import { buildKustomize, requireKustomize, type KustomizeTool } from "./kustomize.js";
import { kustomizationGraph, resolveEntry, type Kustomization } from "./kustomization-files.js";
import { loadingFieldsOf, loadsRemotely, preflightProblems } from "./kustomize-preflight.js";
import { renderPlain } from "./plain.js";
import { readCachedRender, renderCacheEnabled, renderCacheKey, writeCachedRender } from "./cache.js";
import { unitInputs } from "./inputs.js";
import { parseBuildOptions, pathsOutsideRepository } from "./build-options.js";
import type { RenderUnit } from "./gitops/units.js";
import { withPostBuild } from "./post-build.js";
import { withOrigins, type OriginsOf } from "./borrowed-origins.js";
import type { EarlyBuilds } from "./early-builds.js";
import { isObject } from "./resource.js";
import type { SkippedFile } from "../repo/load.js";

export interface RenderOptions {
  repoRoot: string;
  files: Map<string, SourceFile>;
  /** Files the loader skipped (binary, oversize): still inputs of the render cache key. */
  skipped: readonly SkippedFile[];
  allowRemote: boolean;
  /** Called before a build reads an environment's inputs from repoRoot (a tree in a temporary folder writes them then). */
  materialize?: (env: Environment) => void;
  /** What helps a head tree's builds compared with a base: lent origins, and builds started early. */
  help?: BuildHelp;
}

/** See borrowed-origins.ts and early-builds.ts. */
export interface BuildHelp {
  originsOf: OriginsOf;
  early: EarlyBuilds | null;
}

export interface RenderOutput {
  render: Render;
  kustomizeVersion: string | null;
}

export async function renderEnvironments(environments: readonly Environment[], options: RenderOptions): Promise<RenderOutput> {
  const needsKustomize = environments.some((env) => env.units.some((unit) => unit.renderer === "kustomize"));
  const tool = needsKustomize ? await requireKustomize() : null;
  const results = await mapLimited(environments, os.availableParallelism(), async (env) => withHelmReleases(await renderOne(env, options, tool), options));
  return { render: { environments: results }, kustomizeVersion: tool?.version ?? null };
}

type UnitRender = Pick<EnvironmentRender, "resources" | "kustomizations" | "failed" | "skippedReason" | "problems">;

/** Every unit of the environment, in order; their objects, kustomizations and problems together. */
async function renderOne(env: Environment, options: RenderOptions, tool: KustomizeTool | null): Promise<EnvironmentRender> {
  const present = env.units.filter((unit) => existsSync(path.join(options.repoRoot, unit.path)));
  if (present.length === 0) {
    const message = `environment folder ${env.path} does not exist`;
    return { env, resources: [], kustomizations: [], failed: false, skippedReason: "absent", problems: [{ rule: "render/failed", message, location: null }] };
  }
  const parts: UnitRender[] = [];
  for (const unit of present) parts.push(withPostBuild(unit, await renderUnit(env, unit, options, tool), options.files));
  const kustomizations = parts.flatMap((part) => part.kustomizations).filter((kustomization, index, all) => all.findIndex((other) => other.dir === kustomization.dir) === index);
  return {
    env,
    resources: parts.flatMap((part) => part.resources),
    kustomizations,
    failed: parts.some((part) => part.failed),
    skippedReason: parts.length === 1 ? (parts[0]?.skippedReason ?? null) : null,
    problems: parts.flatMap((part) => part.problems),
  };
}

async function renderUnit(env: Environment, unit: RenderUnit, options: RenderOptions, tool: KustomizeTool | null): Promise<UnitRender> {
  if (unit.renderer === "plain") return renderPlain(env, options.files, unit);
  if (unit.renderer === "helm") return renderChart(env, unit, options);
  if (tool === null) throw new Error(`no kustomize tool for environment ${env.name}`);
  const base: UnitRender = { resources: [], kustomizations: [], failed: true, skippedReason: null, problems: [] };
  const kustomizations = kustomizationGraph(options.files, unit.path);
  const preflight = preflightProblems(kustomizations, options);
  if (preflight.length > 0) return { ...base, kustomizations, skippedReason: preflight.every((problem) => problem.rule === "render/remote-source") ? "remote sources" : null, problems: preflight };
  const prepared = await buildFlags(env, unit, kustomizations);
  if (!prepared.ok) return { ...base, kustomizations, failed: prepared.problem.rule === "render/failed", skippedReason: prepared.problem.message, problems: [prepared.problem] };
  // skipped files (binary, oversize) are hashed from disk for the cache key: they must be there first
  if (options.skipped.length > 0) options.materialize?.(env);
  const remoteFetched = options.allowRemote && kustomizations.some((kustomization) => loadingFieldsOf(kustomization).some((field) => loadsRemotely(field.value)));
  const key = renderCacheEnabled() && !remoteFetched && tool.version !== null ? cacheKeyOf(env, unit, prepared.flags, kustomizations, options, tool) : null;
  const cached = key === null ? null : readCachedRender(key);
  if (cached !== null) return { ...base, kustomizations, resources: cached, failed: false };
  options.materialize?.(env);
  const lent = options.help?.originsOf(env, unit) ?? null;
  let build = await buildKustomize(tool, options.repoRoot, env, unit, prepared.flags, lent === null ? {} : { origins: false, early: options.help?.early ?? null });
  if (lent !== null) {
    // the origins lent are those kustomize would give (borrowed-origins.ts): the render is cached as any other
    const resources = build.ok ? withOrigins(build.resources, await lent) : null;
    build = resources !== null ? { ok: true, resources } : await buildKustomize(tool, options.repoRoot, env, unit, prepared.flags);
  }
  if (build.ok && key !== null) writeCachedRender(key, build.resources);
  if (build.ok) return { ...base, kustomizations, resources: build.resources, failed: false };
  const problem: RenderProblem = {
    rule: "render/failed",
    message: `kustomize build failed${unit.via === null ? "" : ` (${unit.via})`}: ${build.message}`,
    location: failureLocation(kustomizations, build.message, unit.path, options.files),
  };
  return { ...base, kustomizations, problems: [problem] };
}

/** The environment's kustomizeBuildOptions as flags, or the problem that stops the build (see build-options.ts). */
async function buildFlags(env: Environment, unit: RenderUnit, kustomizations: readonly Kustomization[]): Promise<{ ok: true; flags: string[] } | { ok: false; problem: RenderProblem }> {
  if (env.kustomizeBuildOptions.length === 0) return { ok: true, flags: [] };
  const root = kustomizations[0]?.file ?? null;
  const location = root === null ? null : { file: root.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const options = parseBuildOptions(env.kustomizeBuildOptions);
  if (!options.ok) return { ok: false, problem: { rule: "render/failed", message: options.message, location } };
  if (options.loadRestrictorNone) {
    const outside = pathsOutsideRepository(kustomizations);
    if (outside.length > 0) {
      const message = `--load-restrictor LoadRestrictionsNone is not used: ${outside.join(", ")} ${outside.length === 1 ? "leaves" : "leave"} the repository`;
      return { ok: false, problem: { rule: "render/failed", message, location } };
    }
  }
  const usesHelm = kustomizations.some((kustomization) => {
    const value = kustomization.value;
    return isObject(value) && Array.isArray(value["helmCharts"]) && value["helmCharts"].length > 0;
  });
  if (options.enableHelm && usesHelm && (await findHelm()) === null) {
    const message = `${unit.path} inflates Helm charts (--enable-helm), which is not rendered: helm is not on PATH`;
    return { ok: false, problem: { rule: "render/not-rendered", message, location } };
  }
  return { ok: true, flags: options.flags };
}

/** A chart unit: `helm template` with the Argo CD Application's release and values, when helm is on PATH. */
async function renderChart(env: Environment, unit: RenderUnit, options: RenderOptions): Promise<UnitRender> {
  const base: UnitRender = { resources: [], kustomizations: [], failed: true, skippedReason: null, problems: [] };
  const chartFile = options.files.get(unit.path === "." ? "Chart.yaml" : `${unit.path}/Chart.yaml`);
  const location = chartFile === undefined ? null : { file: chartFile.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
  if ((await findHelm()) === null) {
    const reason = `the Helm chart in ${unit.path} is not rendered: helm is not on PATH`;
    return { ...base, skippedReason: reason, problems: [{ rule: "render/not-rendered", message: reason, location }] };
  }
  const source = unit.helm ?? { release: env.name, namespace: null, valueFiles: [], values: null };
  options.materialize?.(env);
  const build = await helmTemplate(options.repoRoot, { ...source, dir: unit.path }, env.name);
  if (build.ok) return { ...base, resources: build.resources, failed: false };
  return { ...base, problems: [{ rule: "render/failed", message: `helm template failed: ${build.message}`, location }] };
}

/** Adds the objects of Flux HelmReleases whose chart is in the repo (or an info finding when helm is absent). */
async function withHelmReleases(envRender: EnvironmentRender, options: RenderOptions): Promise<EnvironmentRender> {
  const releases = helmReleaseCharts(envRender.resources, options.files);
  if (releases.length === 0) return envRender;
  const helm = await findHelm();
  const resources = [...envRender.resources];
  const problems = [...envRender.problems];
  for (const { release, chart } of releases) {
    const location = objectLocation(release, options.files);
    const name = `HelmRelease ${release.key.namespace === null ? "" : release.key.namespace + "/"}${release.key.name ?? ""}`;
    if (helm === null) {
      problems.push({ rule: "render/not-rendered", message: `${name} is not rendered: helm is not on PATH (chart ${chart.dir})`, location });
      continue;
    }
    options.materialize?.(envRender.env);
    const build = await helmTemplate(options.repoRoot, chart, envRender.env.name);
    if (build.ok) resources.push(...build.resources);
    else problems.push({ rule: "render/failed", message: `${name}: helm template failed: ${build.message}`, location });
  }
  return { ...envRender, resources, problems, failed: envRender.failed || problems.some((problem) => problem.rule === "render/failed") };
}

/** The first line of an object's source document. */
function objectLocation(resource: Resource, files: Map<string, SourceFile>): Location | null {
  const file = files.get(resource.origin.file);
  if (file === undefined) return null;
  const document = resource.origin.documentIndex === null ? undefined : file.documents[resource.origin.documentIndex];
  const start = document?.contents === null || document?.contents === undefined ? 0 : nodeRange(document.contents as Node)[0];
  const { line, column } = lineColumnOf(file.lineStarts, start);
  return { file: file.path, line, column, endLine: line, endColumn: column };
}

/** Remote bases are fetched at build time, so renders that use them are never cached (see remoteFetched). */
function cacheKeyOf(env: Environment, unit: RenderUnit, flags: readonly string[], kustomizations: readonly Kustomization[], options: RenderOptions, tool: KustomizeTool): string {
  return renderCacheKey({
    env: { ...env, path: unit.path, renderer: unit.renderer },
    variant: JSON.stringify({ overlay: unit.overlay, flags }),
    inputs: unitInputs(unit, options.files, kustomizations),
    files: options.files,
    skipped: options.skipped,
    repoRoot: options.repoRoot,
    tool: `${tool.command} ${tool.args.join(" ")} ${tool.version ?? ""}`,
    allowRemote: options.allowRemote,
  });
}

/** The kustomization entry the error message names (deepest kustomization first), else the environment's kustomization. */
function failureLocation(kustomizations: readonly Kustomization[], message: string, root: string, files: Map<string, SourceFile>): Location | null {
  for (const kustomization of [...kustomizations].reverse()) {
    const node = mentionedEntry(kustomization, message);
    if (node !== null) {
      const [start, end] = nodeRange(node);
      const from = lineColumnOf(kustomization.file.lineStarts, start);
      const to = lineColumnOf(kustomization.file.lineStarts, end);
      return { file: kustomization.file.path, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    }
  }
  const rootFile = kustomizations[0]?.file ?? null;
  if (rootFile !== null) return { file: rootFile.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const anyFile = [...files.values()].find((file) => file.repoPath.startsWith(root === "." ? "" : root + "/"));
  return anyFile === undefined ? null : { file: anyFile.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function mentionedEntry(kustomization: Kustomization, message: string): Node | null {
  const document = kustomization.document;
  if (document === null) return null;
  let found: Node | null = null;
  let foundLength = 0;
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || node.value.length < 2) return;
      const resolved = resolveEntry(kustomization.dir, node.value.split("=").pop() ?? node.value);
      const named = (resolved !== null && message.includes(resolved)) || (/[./]/.test(node.value) && message.includes(node.value));
      if (named && node.value.length > foundLength) {
        found = node;
        foundLength = node.value.length;
      }
    },
  });
  return found;
}

export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

