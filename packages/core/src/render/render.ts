// The render stage: every environment rendered by its renderer; failures become render problems, not crashes.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { visit, type Node } from "yaml";
import { lineColumnOf, nodeRange } from "../repo/positions.js";
import type { Environment, EnvironmentRender, Location, Render, RenderProblem, SourceFile } from "../types.js";
import { buildKustomize, requireKustomize, type KustomizeTool } from "./kustomize.js";
import { isRemoteReference, kustomizationGraph, resolveEntry, type Kustomization } from "./kustomization-files.js";
import { renderPlain } from "./plain.js";

export interface RenderOptions {
  repoRoot: string;
  files: Map<string, SourceFile>;
  allowRemote: boolean;
}

export interface RenderOutput {
  render: Render;
  kustomizeVersion: string | null;
}

export async function renderEnvironments(environments: readonly Environment[], options: RenderOptions): Promise<RenderOutput> {
  const needsKustomize = environments.some((env) => env.renderer === "kustomize");
  const tool = needsKustomize ? await requireKustomize() : null;
  const results = await mapLimited(environments, os.availableParallelism(), (env) => renderOne(env, options, tool));
  return { render: { environments: results }, kustomizeVersion: tool?.version ?? null };
}

async function renderOne(env: Environment, options: RenderOptions, tool: KustomizeTool | null): Promise<EnvironmentRender> {
  const base: EnvironmentRender = { env, resources: [], kustomizations: [], failed: true, skippedReason: null, problems: [] };
  if (!existsSync(path.join(options.repoRoot, env.path))) {
    const message = `environment folder ${env.path} does not exist`;
    return { ...base, failed: false, skippedReason: "absent", problems: [{ rule: "render/failed", message, location: null }] };
  }
  if (env.renderer === "plain") return renderPlain(env, options.files);
  if (env.renderer === "helm" || tool === null) {
    const reason = "Helm charts are not rendered by this version of mergegate";
    return { ...base, skippedReason: reason, problems: [{ rule: "render/not-rendered", message: reason, location: null }] };
  }
  const kustomizations = kustomizationGraph(options.files, env.path);
  const remote = options.allowRemote ? [] : remoteProblems(kustomizations);
  if (remote.length > 0) return { ...base, kustomizations, skippedReason: "remote sources", problems: remote };
  const build = await buildKustomize(tool, options.repoRoot, env);
  if (build.ok) return { ...base, kustomizations, resources: build.resources, failed: false };
  const problem: RenderProblem = {
    rule: "render/failed",
    message: `kustomize build failed: ${build.message}`,
    location: failureLocation(kustomizations, build.message, env, options.files),
  };
  return { ...base, kustomizations, problems: [problem] };
}

function remoteProblems(kustomizations: readonly Kustomization[]): RenderProblem[] {
  return kustomizations.flatMap((kustomization) =>
    kustomization.references
      .filter((entry) => isRemoteReference(entry.value))
      .map((entry) => ({
        rule: "render/remote-source" as const,
        message: `remote ${entry.key} entry "${entry.value}" is not rendered (pass --allow-remote to fetch it)`,
        location: { file: kustomization.file.path, line: entry.line, column: entry.column, endLine: entry.line, endColumn: entry.column + entry.value.length },
      })),
  );
}

/** The kustomization entry the error message names (deepest kustomization first), else the environment's kustomization. */
function failureLocation(
  kustomizations: readonly Kustomization[],
  message: string,
  env: Environment,
  files: Map<string, SourceFile>,
): Location | null {
  for (const kustomization of [...kustomizations].reverse()) {
    const node = mentionedEntry(kustomization, message);
    if (node !== null) {
      const [start, end] = nodeRange(node);
      const from = lineColumnOf(kustomization.file.lineStarts, start);
      const to = lineColumnOf(kustomization.file.lineStarts, end);
      return { file: kustomization.file.path, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    }
  }
  const root = kustomizations[0]?.file ?? null;
  if (root !== null) return { file: root.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const anyFile = [...files.values()].find((file) => file.repoPath.startsWith(env.path === "." ? "" : env.path + "/"));
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

