// The Helm renderer: `helm template` for charts inside the repo — a chart environment, or a Flux HelmRelease whose
// chart comes from the repo's GitRepository — with values files and inline values, when helm is on PATH.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { childOutputBytes, rendererEnv, runTool } from "../subprocess.js";
import { makeTempFolder, removeTempFolder } from "../temp-folders.js";
import type { DocumentIdentity } from "../repo/identities.js";
import type { HelmSource, Resource, SourceFile } from "../types.js";
import { isObject, resourceKeyOf } from "./resource.js";
import { toolVersion } from "./tool-version.js";

export interface HelmTool {
  version: string | null;
}

let cachedTool: Promise<HelmTool | null> | null = null;

/** `helm` on PATH, or null; its version comes from tool-version's cache. */
export function findHelm(): Promise<HelmTool | null> {
  cachedTool ??= (async () => {
    const helm = await toolVersion("helm", ["version", "--short"], /(v?\d+\.\d+\.\d+)/);
    return helm.found ? { version: helm.version } : null;
  })();
  return cachedTool;
}

export interface HelmChart extends HelmSource {
  /** DIR-relative chart folder (holds Chart.yaml). */
  dir: string;
}

export type HelmBuild = { ok: true; resources: Resource[] } | { ok: false; message: string };

export async function helmTemplate(repoRoot: string, chart: HelmChart, envName: string): Promise<HelmBuild> {
  const folder = makeTempFolder("helm");
  try {
    const args = ["template", chart.release, path.join(repoRoot, chart.dir), ...(chart.namespace === null ? [] : ["--namespace", chart.namespace])];
    for (const file of chart.valueFiles) args.push("--values", path.join(repoRoot, file));
    if (chart.values !== null) {
      const inline = path.join(folder, "values.json");
      await writeFile(inline, JSON.stringify(chart.values));
      args.push("--values", inline);
    }
    const run = await runTool("helm", args, { cwd: repoRoot, env: rendererEnv() });
    if (run.spawnError !== null) return { ok: false, message: `cannot run helm: ${run.spawnError.message}` };
    if (run.timedOut) return { ok: false, message: "helm template timed out" };
    if (run.outputExceeded) return { ok: false, message: `helm template wrote more than ${childOutputBytes() / 1024 / 1024} MiB (MERGEGATE_CHILD_OUTPUT_MB)` };
    if (run.code !== 0) return { ok: false, message: (run.stderr || run.stdout).replaceAll(repoRoot + "/", "").replace(/\s+/g, " ").trim() };
    return { ok: true, resources: readTemplates(run.stdout, chart.dir, envName) };
  } finally {
    await removeTempFolder(folder);
  }
}

/** `# Source: <chart>/templates/x.yaml` → the template's repo path (the chart name becomes the chart folder). */
function readTemplates(stdout: string, chartDir: string, envName: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of parseAllDocuments(stdout)) {
    const value: unknown = document.toJS();
    if (!isObject(value)) continue;
    const comments = `${document.commentBefore ?? ""}\n${(document.contents as { commentBefore?: string | null } | null)?.commentBefore ?? ""}`;
    const source = /^\s*Source:\s*(\S+)/m.exec(comments)?.[1] ?? null;
    const file = source === null ? `${chartDir}/Chart.yaml` : path.posix.join(chartDir, source.split("/").slice(1).join("/"));
    resources.push({ key: resourceKeyOf(value), object: value, origin: { file, documentIndex: null, basePointer: "", generator: null }, env: envName });
  }
  return resources;
}

/** Flux HelmReleases whose chart is a folder of this repo (source kind GitRepository), as charts to template. */
export function helmReleaseCharts(resources: readonly Resource[], files: ReadonlyMap<string, SourceFile>): { release: Resource; chart: HelmChart }[] {
  const found: { release: Resource; chart: HelmChart }[] = [];
  for (const resource of resources) {
    const chart = helmReleaseChart(resource.object, files);
    if (chart !== null) found.push({ release: resource, chart });
  }
  return found;
}

/** Whether a document is a Flux HelmRelease, the only kind helmReleaseChart finds a chart in. */
export function isFluxHelmRelease(identity: DocumentIdentity | null): boolean {
  return identity !== null && identity.kind === "HelmRelease" && identity.apiVersion.startsWith("helm.toolkit.fluxcd.io/");
}

export function helmReleaseChart(object: Record<string, unknown>, files: ReadonlyMap<string, SourceFile>): HelmChart | null {
  if (object["kind"] !== "HelmRelease" || typeof object["apiVersion"] !== "string" || !object["apiVersion"].startsWith("helm.toolkit.fluxcd.io/")) return null;
  const spec = isObject(object["spec"]) ? object["spec"] : {};
  const chartSpec = isObject(spec["chart"]) && isObject(spec["chart"]["spec"]) ? spec["chart"]["spec"] : {};
  const sourceRef = isObject(chartSpec["sourceRef"]) ? chartSpec["sourceRef"] : {};
  if (sourceRef["kind"] !== "GitRepository" || typeof chartSpec["chart"] !== "string") return null;
  const dir = repoPath(chartSpec["chart"]);
  if (dir === null || !files.has(dir === "." ? "Chart.yaml" : `${dir}/Chart.yaml`)) return null;
  const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
  const name = typeof metadata["name"] === "string" ? metadata["name"] : "release";
  const valuesFiles = Array.isArray(chartSpec["valuesFiles"]) ? chartSpec["valuesFiles"].filter((file): file is string => typeof file === "string") : [];
  return {
    dir,
    release: typeof spec["releaseName"] === "string" ? spec["releaseName"] : name,
    namespace: typeof spec["targetNamespace"] === "string" ? spec["targetNamespace"] : typeof metadata["namespace"] === "string" ? metadata["namespace"] : null,
    valueFiles: valuesFiles.map(repoPath).filter((file): file is string => file !== null),
    values: isObject(spec["values"]) ? spec["values"] : null,
  };
}

/** A path relative to the repo root ("./charts/web" → "charts/web"); null when it leaves the repo. */
function repoPath(raw: string): string | null {
  const joined = path.posix.normalize(raw.replace(/\\/g, "/")).replace(/\/$/, "");
  if (joined === ".." || joined.startsWith("../") || joined.startsWith("/")) return null;
  return joined === "" ? "." : joined;
}
