// `node bench/policy.mjs`: the whole built-in policy library over 10,000 generated objects (250 apps × 4
// environments × 10 kinds). Compiling the library is timed apart; the pass is what a gate run pays per render.
import os from "node:os";
import path from "node:path";
import { runRender } from "@mergegate/core";
import { compiledLibrary, policyReports } from "../packages/core/dist/checks/policy/pass.js";
import { generate } from "./generate.mjs";

const dir = path.join(os.tmpdir(), "mergegate-bench", "policy");
const generated = generate({ apps: 250, envs: 4, layout: "plain", out: dir });
const { render } = await runRender({ repo: dir });

/** One policy pass over a copy of the render (the pass is memoized per render object). */
function pass() {
  const copy = { environments: render.environments.map((environment) => ({ ...environment })) };
  const context = { files: new Map(), skipped: [], render: copy, diff: null, config: { version: 1 }, schemaOptions: { kubernetesVersion: "1.33", repoRoot: dir }, report() {} };
  const start = performance.now();
  const reports = policyReports(context);
  return { ms: performance.now() - start, reports: reports.length };
}

const compileStart = performance.now();
const { rules } = compiledLibrary();
const compileMs = performance.now() - compileStart;
const objects = render.environments.reduce((sum, environment) => sum + environment.resources.length, 0);
const runs = [];
for (let run = 0; run < 5; run++) runs.push(pass());
runs.sort((a, b) => a.ms - b.ms);
const median = runs[2];
console.log(`built-in policy library (${rules.length} rules), ${objects} objects (${generated.files} files), ${os.cpus().length} cores`);
console.log(`  compile the library                 ${Math.round(compileMs)} ms`);
console.log(`  evaluate every object (median of 5)  ${Math.round(median.ms)} ms   ${median.reports} findings   target < 3000 ms`);
console.log(`  first run / best run                ${Math.round(Math.max(...runs.map((r) => r.ms)))} / ${Math.round(runs[0].ms)} ms`);
