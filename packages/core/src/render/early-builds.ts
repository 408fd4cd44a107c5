// Early builds: a staged check (a pre-commit hook) starts the kustomize builds its change affects as soon as git says
// what is staged, from the build plan the last run of the folder left (which folders build with which command, from
// which inputs), instead of after the tree is loaded and its environments resolved: the check's one build then runs
// while the repository loads. Early builds read DIR as it is; a build the render asks for later with the
// same command, arguments and folder takes the early one's output. That is only when no path of DIR differs between
// the work tree and the index: the index is otherwise checked in a folder of its own, builds there ask for other
// folders, and the early ones are stopped when the run ends (as any no build took).
// Only builds that ask kustomize for no origins start early (borrowed-origins.ts): those are a check's usual builds.
// A build whose staged inputs are those of the last run's render of it (the same staged blobs) does not start: the
// render cache has it.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeAtomically } from "../fs-atomic.js";
import { folderCacheFile } from "../schemas/cache.js";
import { rendererEnv, runTool, type ToolRun } from "../subprocess.js";
import { version } from "../version.js";
import { touches, unitInputs, type RenderInputs } from "./inputs.js";
import { isKustomizationFile, kustomizationGraph } from "./kustomization-files.js";
import { preflightProblems } from "./kustomize-preflight.js";
import { findKustomize } from "./kustomize.js";
import type { LoadedTree } from "./render-repo.js";
import type { Render } from "../types.js";

/** One folder as the last run would have built it without origins: `command args... folder`, in DIR. */
interface PlannedBuild {
  /** DIR-relative. */
  dir: string;
  inputs: RenderInputs;
  /** The staged blobs among its inputs when the last run rendered it (stagedState). */
  staged?: string;
}

interface Plan {
  version: string;
  tool: string[];
  builds: PlannedBuild[];
}

export interface EarlyBuilds {
  /**
   * Resolves once the early builds started (or none will), or after `ms` milliseconds: a run that waits for this
   * before it spawns its other git questions has the builds' spawn first (a spawn holds the main thread 2 ms).
   */
  decided(ms: number): Promise<void>;
  /** The early run of exactly this command line in this folder, when one was started (null: none); each is taken once. */
  take(command: string, args: readonly string[], cwd: string): Promise<ToolRun | null>;
  /** Stops the runs no build took. */
  stop(): void;
  /** Per planned folder the changes touch: the staged blobs among its inputs (for savePlan, once its render is done). */
  stagedStates(): Promise<ReadonlyMap<string, string>>;
}

interface Started {
  run: Promise<ToolRun>;
  abort: AbortController;
}

/**
 * For --staged: starts the planned builds of `root` (DIR, absolute) that the staged paths touch, unless a
 * kustomization changed (those builds ask for origins). git is asked for the staged paths of DIR before anything
 * else of the run, so that the answer comes first.
 */
export function startEarlyBuilds(root: string): EarlyBuilds {
  const started = new Map<string, Started>();
  const states = new Map<string, string>();
  let stopped = false;
  const decided = (async () => {
    const plan = readPlan(root);
    if (plan === null || plan.builds.length === 0) return;
    const [staged, tool] = await Promise.all([stagedBlobs(root), findKustomize()]);
    if (staged === null) return;
    for (const build of plan.builds) {
      const state = stagedState(build, staged);
      if (state !== null) states.set(build.dir, state);
    }
    if (stopped || tool === null || JSON.stringify([tool.command, ...tool.args]) !== JSON.stringify(plan.tool)) return;
    if ([...staged.keys()].some(isKustomizationFile)) return;
    const wanted = plan.builds.filter((build) => states.has(build.dir) && states.get(build.dir) !== build.staged);
    // as many as the render runs at once; a change to a base of every environment is left to the render
    if (wanted.length > os.availableParallelism()) return;
    for (const build of wanted) {
      const args = [...tool.args, path.join(root, build.dir)];
      const abort = new AbortController();
      const run = runTool(tool.command, args, { cwd: root, env: rendererEnv(), signal: abort.signal });
      started.set(keyOf(tool.command, args, root), { run, abort });
    }
  })().catch(() => undefined);
  return {
    async decided(ms) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([decided, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },
    async take(command, args, cwd) {
      await decided;
      const key = keyOf(command, args, cwd);
      const early = started.get(key);
      if (early === undefined) return null;
      started.delete(key);
      return early.run;
    },
    stop() {
      stopped = true;
      for (const { abort } of started.values()) abort.abort();
      started.clear();
    },
    async stagedStates() {
      await decided;
      return states;
    },
  };
}

/** The staged blobs among a build's inputs, as one text; null when no staged path is one of its inputs. */
function stagedState(build: PlannedBuild, staged: ReadonlyMap<string, string>): string | null {
  const touched = [...staged].filter(([file]) => touches(build.inputs, file));
  return touched.length === 0 ? null : JSON.stringify(touched.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Records how the tree's kustomize units without an overlay build, for the next run's early builds, with the staged
 * state of those this run's `render` holds (the others keep the state they had); rewritten only when it changed.
 * A plan that cannot be written only costs the next run its early start.
 */
export async function savePlan(root: string, tree: LoadedTree, render: Render, early: EarlyBuilds | null): Promise<void> {
  const renderedDirs = new Set(render.environments.filter((envRender) => !envRender.failed && envRender.skippedReason === null).flatMap((envRender) => envRender.env.units.map((unit) => unit.path)));
  const rendered = new Map([...((await early?.stagedStates()) ?? [])].filter(([dir]) => renderedDirs.has(dir)));
  const earlier = new Map((readPlan(root)?.builds ?? []).map((build) => [build.dir, build.staged]));
  const builds: PlannedBuild[] = [];
  // only builds the render runs as they are: no build options (a load restrictor, helm), nothing fetched or over a
  // budget (the render reports those without building; no kustomization changes without early builds stopping)
  for (const env of tree.environments.filter((candidate) => candidate.kustomizeBuildOptions.length === 0)) {
    for (const unit of env.units) {
      if (unit.renderer !== "kustomize" || unit.overlay !== null) continue;
      const graph = kustomizationGraph(tree.repo.files, unit.path);
      if (preflightProblems(graph, { files: tree.repo.files, skipped: tree.repo.skipped, allowRemote: false }).length > 0) continue;
      const staged = rendered.get(unit.path) ?? earlier.get(unit.path);
      builds.push({ dir: unit.path, inputs: unitInputs(unit, tree.repo.files, graph), ...(staged === undefined ? {} : { staged }) });
    }
  }
  const tool = builds.length === 0 ? null : await findKustomize();
  const plan: Plan = { version, tool: tool === null ? [] : [tool.command, ...tool.args], builds: tool === null ? [] : builds };
  const text = JSON.stringify(plan);
  const file = planFile(root);
  try {
    if (readFileSync(file, "utf8") === text) return;
  } catch {
    // none yet
  }
  try {
    writeAtomically(file, text);
  } catch {
    // read-only cache
  }
}

/**
 * The DIR-relative paths the index changes against HEAD, with each one's blob in the index (zeros: deleted); null
 * when git cannot tell (no commit yet, not a work tree).
 */
async function stagedBlobs(root: string): Promise<Map<string, string> | null> {
  const run = await runTool("git", ["-c", "core.quotepath=false", "diff", "--cached", "--raw", "--relative", "-z", "--no-renames", "--no-abbrev", "HEAD", "--"], { cwd: root, timeoutMs: 30_000 });
  if (run.spawnError !== null || run.code !== 0) return null;
  // `:mode mode blob blob status` NUL `path` NUL, for each path
  const fields = run.stdout.split("\0");
  const blobs = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const blob = (fields[index] ?? "").split(" ")[3];
    const file = fields[index + 1];
    if (blob === undefined || file === undefined || file === "") return null;
    blobs.set(file, blob);
  }
  return blobs;
}

function readPlan(root: string): Plan | null {
  try {
    const plan = JSON.parse(readFileSync(planFile(root), "utf8")) as Partial<Plan>;
    return plan.version === version && Array.isArray(plan.tool) && Array.isArray(plan.builds) ? (plan as Plan) : null;
  } catch {
    return null;
  }
}

function planFile(root: string): string {
  return folderCacheFile("build-plans", root, "json");
}

function keyOf(command: string, args: readonly string[], cwd: string): string {
  return JSON.stringify([command, ...args, cwd]);
}
