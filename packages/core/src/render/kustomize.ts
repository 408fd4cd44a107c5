// The kustomize renderer: runs the real `kustomize build` (or `kubectl kustomize`) and records where each object came from.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { GateError } from "../errors.js";
import { childOutputBytes, rendererEnv, runTool } from "../subprocess.js";
import { makeTempFolder, removeTempFolder } from "../temp-folders.js";
import { toolVersion } from "./tool-version.js";
import type { Environment, KubeObject, Origin, Resource } from "../types.js";
import { isObject, resourceKeyOf } from "./resource.js";
import type { RenderUnit } from "./gitops/units.js";
import { withoutDeprecationWarnings } from "./kustomize-messages.js";
import { wrapperKustomization } from "./kustomize-wrapper.js";
import type { EarlyBuilds } from "./early-builds.js";

const originAnnotation = "config.kubernetes.io/origin";

export interface KustomizeTool {
  command: string;
  /** Arguments before the folder: `["build"]` or `["kustomize"]`. */
  args: string[];
  version: string | null;
}

let cachedTool: Promise<KustomizeTool | null> | null = null;

/** `kustomize` on PATH, else `kubectl kustomize`; null when neither runs. Versions come from tool-version's cache. */
export function findKustomize(): Promise<KustomizeTool | null> {
  cachedTool ??= (async () => {
    const standalone = await toolVersion("kustomize", ["version"], /(v?\d+\.\d+\.\d+)/);
    if (standalone.found) return { command: "kustomize", args: ["build"], version: standalone.version === null ? null : normalizeVersion(standalone.version) };
    const kubectl = await toolVersion("kubectl", ["version", "--client"], /Kustomize Version:\s*(v?\d+\.\d+\.\d+)/);
    if (kubectl.found) return { command: "kubectl", args: ["kustomize"], version: kubectl.version === null ? null : normalizeVersion(kubectl.version) };
    return null;
  })();
  return cachedTool;
}

function normalizeVersion(version: string): string {
  return version.startsWith("v") ? version : `v${version}`;
}

export async function requireKustomize(): Promise<KustomizeTool> {
  const tool = await findKustomize();
  if (tool === null) {
    throw new GateError("no kustomize renderer: install kustomize or kubectl (which has `kubectl kustomize`)");
  }
  return tool;
}

export type KustomizeBuild =
  | { ok: true; resources: Resource[] }
  | { ok: false; message: string; mentionedPaths: string[] };

/**
 * Builds one environment. The build runs on a wrapper kustomization in a temporary folder that includes the
 * environment and asks for origin annotations, so nothing is written into the repo. Without `origins` (the caller
 * has them from elsewhere, see render/borrowed-origins.ts) the build asks for none, a third of a small build's time,
 * and a unit without an overlay is built as it is, with no wrapper at all; its objects' origins are then empty.
 */
export async function buildKustomize(
  tool: KustomizeTool,
  repoRoot: string,
  env: Environment,
  unit: RenderUnit,
  flags: readonly string[],
  { origins = true, early = null }: { origins?: boolean; early?: EarlyBuilds | null } = {},
): Promise<KustomizeBuild> {
  const folder = path.join(repoRoot, unit.path);
  const wrapper = origins || unit.overlay !== null ? makeTempFolder("kustomize") : null;
  try {
    if (wrapper !== null) {
      const target = path.relative(wrapper, folder).split(path.sep).join("/");
      writeFileSync(path.join(wrapper, "kustomization.yaml"), wrapperKustomization(target, unit.overlay, repoRoot, wrapper, origins));
    }
    const built = wrapper ?? folder;
    // the reader of the output (and js-yaml) loads while the build runs: a check that builds nothing never loads it
    const reader = import("./rendered-yaml.js");
    const args = [...tool.args, ...flags, built];
    // a build of the folder itself may have been started early, from the last run's plan (early-builds.ts)
    const run = (wrapper === null ? await early?.take(tool.command, args, repoRoot) : null) ?? (await runTool(tool.command, args, { cwd: repoRoot, env: rendererEnv() }));
    if (run.spawnError !== null) throw new GateError(`cannot run ${tool.command}: ${run.spawnError.message}`);
    if (run.timedOut) return { ok: false, message: `${tool.command} timed out`, mentionedPaths: [] };
    if (run.outputExceeded) return { ok: false, message: `${tool.command} wrote more than ${childOutputBytes() / 1024 / 1024} MiB (MERGEGATE_CHILD_OUTPUT_MB)`, mentionedPaths: [] };
    if (run.code !== 0) return failure(run.stderr || run.stdout, built, repoRoot);
    return { ok: true, resources: readOutput((await reader).renderedValues, run.stdout, built, repoRoot, env.name) };
  } finally {
    if (wrapper !== null) await removeTempFolder(wrapper);
  }
}

type ValuesReader = (text: string) => unknown[];

function readOutput(renderedValues: ValuesReader, stdout: string, wrapper: string, repoRoot: string, envName: string): Resource[] {
  const resources: Resource[] = [];
  for (const value of renderedValues(stdout)) {
    if (!isObject(value)) continue;
    const origin = takeOrigin(renderedValues, value, wrapper, repoRoot);
    resources.push({ key: resourceKeyOf(value), object: value, origin, env: envName });
  }
  return resources;
}

/** Reads and removes the origin annotation, so the render is exactly what kustomize outputs without it. */
function takeOrigin(renderedValues: ValuesReader, object: KubeObject, wrapper: string, repoRoot: string): Origin {
  const metadata = isObject(object["metadata"]) ? object["metadata"] : null;
  const annotations = metadata !== null && isObject(metadata["annotations"]) ? metadata["annotations"] : null;
  const raw = annotations?.[originAnnotation];
  const origin: Origin = { file: "", documentIndex: null, basePointer: "", generator: null };
  if (annotations === null || metadata === null || typeof raw !== "string") return origin;
  delete annotations[originAnnotation];
  if (Object.keys(annotations).length === 0) delete metadata["annotations"];
  const parsed = renderedValues(raw)[0];
  if (!isObject(parsed)) return origin;
  const toRepo = (file: unknown): string =>
    typeof file === "string" ? path.relative(repoRoot, path.resolve(wrapper, file)).split(path.sep).join("/") : "";
  if (typeof parsed["path"] === "string") return { ...origin, file: toRepo(parsed["path"]) };
  const configuredBy = isObject(parsed["configuredBy"]) ? parsed["configuredBy"] : {};
  const kind = typeof configuredBy["kind"] === "string" ? configuredBy["kind"] : "Generator";
  const name = isObject(object["metadata"]) ? object["metadata"]["name"] : null;
  return { ...origin, file: toRepo(parsed["configuredIn"]), generator: { kind, name: typeof name === "string" ? name : null } };
}

/** The wrapper's and each base's "accumulating resources … recursed accumulation of path …:" prefixes. */
const wrapperChain = /accumulating resources: accumulation err='accumulating resources from '[^']*': '[^']*' must resolve to a file': recursed accumulation of path '[^']*': /g;

/** Cleans kustomize's error text: wrapper paths become repo paths; absolute paths inside the repo become relative. */
function failure(text: string, wrapper: string, repoRoot: string): KustomizeBuild {
  const relativeRoot = path.relative(wrapper, repoRoot).split(path.sep).join("/");
  const mentionedPaths: string[] = [];
  const cleaned = withoutDeprecationWarnings(text)
    .split("\n")
    .map((line) => line.replace(/^E\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] /, "").replace(/^"command failed" err=/, ""))
    .join(" ")
    .replaceAll(relativeRoot + "/", "")
    .replaceAll(wrapper + "/", "")
    .replaceAll(wrapper, ".")
    .replaceAll(repoRoot + "/", "")
    .replace(wrapperChain, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^"(.*)"$/, "$1");
  for (const match of cleaned.matchAll(/'([^' ]+)'|"([^" ]+)"|(\S+\.ya?ml)/g)) {
    const mentioned = match[1] ?? match[2] ?? match[3];
    if (mentioned !== undefined) mentionedPaths.push(mentioned);
  }
  return { ok: false, message: cleaned.replace(/^Error: /, ""), mentionedPaths };
}
