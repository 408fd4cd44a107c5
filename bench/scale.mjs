// Scale figures on a synthetic 30-environment kustomize repo (bench/env-repo.mjs): a full check with an empty and a
// warm render cache, `render` alone both ways, and a one-file change checked against its base (affected environments).
// Usage: npm run build && node bench/scale.mjs [--envs 30] [--apps 3]   (each figure: median of BENCH_RUNS fresh processes)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeEnvRepo } from "./env-repo.mjs";

const here = fileURLToPath(import.meta.url);

if (process.argv[2] === "measure") {
  // One measurement in this fresh process: node bench/scale.mjs measure check|render DIR [BASE]
  const [, , , mode, dir, base] = process.argv;
  const { runGate, runRender } = await import("@mergegate/core");
  const start = performance.now();
  const result = mode === "render" ? await runRender({ repo: dir }) : await runGate({ repo: dir, offline: true, ...(base === undefined ? {} : { base }) });
  const ms = performance.now() - start;
  const checked = mode === "render" ? result.render.environments.length : result.verdict.environments.filter((env) => env.skippedReason === null).length;
  console.log(JSON.stringify({ ms, checked }));
  process.exit(0);
}

const { values } = parseArgs({ options: { envs: { type: "string", default: "30" }, apps: { type: "string", default: "3" } } });
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = mkdtempSync(path.join(os.tmpdir(), "mergegate-scale-"));
const repo = path.join(work, "repo");
const git = (...args) => execFileSync("git", args, { cwd: repo, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" } });
writeEnvRepo(repo, { envs: Number(values.envs), apps: Number(values.apps) });
git("init", "-q", "-b", "main");
git("add", "-A");
git("commit", "-q", "-m", "environments");

function once(mode, cache, base) {
  const output = execFileSync(process.execPath, [here, "measure", mode, repo, ...(base === undefined ? [] : [base])], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: cache, MERGEGATE_OFFLINE: "1" } });
  return JSON.parse(output);
}

/** Median of `runs`; `cold` empties the cache before each run, else one unmeasured run fills it first. */
function measure(mode, { cold, base }) {
  const cache = path.join(work, "cache");
  const samples = [];
  if (!cold) {
    rmSync(cache, { recursive: true, force: true });
    once(mode, cache, base);
  }
  for (let run = 0; run < runs; run++) {
    if (cold) rmSync(cache, { recursive: true, force: true });
    samples.push(once(mode, cache, base));
  }
  samples.sort((a, b) => a.ms - b.ms);
  const median = samples[Math.floor(samples.length / 2)];
  return { ms: Math.round(median.ms), checked: median.checked };
}

const results = {
  renderCold: measure("render", { cold: true }),
  renderCached: measure("render", { cold: false }),
  fullCold: measure("check", { cold: true }),
  fullCached: measure("check", { cold: false }),
};
writeFileSync(path.join(repo, "overlays/env-17/replicas.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-1\nspec:\n  replicas: 7\n");
results.affectedCold = measure("check", { cold: true, base: "main" });
results.affectedCached = measure("check", { cold: false, base: "main" });
rmSync(work, { recursive: true, force: true });

const line = (label, figure) => console.log(`  ${label.padEnd(44)} ${String(figure.ms).padStart(6)} ms   ${figure.checked} environments`);
console.log(`${values.envs} environments × ${values.apps} apps, kustomize; median of ${runs} fresh processes; ${os.availableParallelism()} CPUs, load ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
line("render, empty cache", results.renderCold);
line("render, warm cache", results.renderCached);
line("check (every check), empty cache", results.fullCold);
line("check (every check), warm cache", results.fullCached);
line("check --base, one file changed, empty cache", results.affectedCold);
line("check --base, one file changed, warm cache", results.affectedCached);
console.log(`  render speed-up from the cache: ${(results.renderCold.ms / results.renderCached.ms).toFixed(1)}×; check: ${(results.fullCold.ms / results.fullCached.ms).toFixed(1)}×`);
