// `npm run bench`: generates synthetic repos and measures mergegate against the floor of just parsing the YAML.
// Figures: median of RUNS fresh processes each (env BENCH_RUNS, default 5); results also in bench/.out/results.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const work = path.join(os.tmpdir(), "mergegate-bench");

function measure(mode, dir, env = {}) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const output = execFileSync(process.execPath, [path.join(here, "measure.mjs"), mode, dir], { encoding: "utf8", env: { ...process.env, ...env } });
    samples.push(JSON.parse(output));
  }
  samples.sort((a, b) => a.ms - b.ms);
  const median = samples[Math.floor(samples.length / 2)];
  return { ms: Math.round(median.ms), peakRssMb: Math.round(Math.max(...samples.map((sample) => sample.peakRssMb))), resources: median.resources, findings: median.findings };
}

const results = {};

const plain = generate({ apps: 250, envs: 4, layout: "plain", out: path.join(work, "plain") });
const floor = measure("floor", path.join(work, "plain"));
const gate = measure("gate", path.join(work, "plain"));
const full = measure("full", path.join(work, "plain"));
results.plain = { resources: plain.resources, files: plain.files, floor, gate, full, ratio: Number((gate.ms / floor.ms).toFixed(2)) };

const kustomize = generate({ apps: 50, envs: 4, layout: "kustomize", out: path.join(work, "kustomize") });
results.kustomize = {
  resources: kustomize.resources,
  files: kustomize.files,
  uncached: measure("gate", path.join(work, "kustomize"), { MERGEGATE_RENDER_CACHE: "off" }),
  gate: measure("gate", path.join(work, "kustomize")),
};

console.log(`plain layout, ${plain.resources} resources in ${plain.files} files (median of ${runs} runs, ${os.cpus().length} cores)`);
console.log(`  floor  (read + yaml.parseAllDocuments, one core)  ${floor.ms} ms   peak ${floor.peakRssMb} MB`);
console.log(`  gate   (load + render + yaml/render/k8s checks)    ${gate.ms} ms   peak ${gate.peakRssMb} MB`);
console.log(`  ratio  gate / floor                               ${results.plain.ratio}  (target ≤ 1.5)`);
console.log(`  full   (every check: + schema, secrets, policy, canary; offline)  ${full.ms} ms   peak ${full.peakRssMb} MB   ${full.findings} findings`);
console.log(`kustomize layout, ${kustomize.resources} resources, 4 environments via kustomize build`);
console.log(`  gate, render cache off                            ${results.kustomize.uncached.ms} ms   peak ${results.kustomize.uncached.peakRssMb} MB`);
console.log(`  gate, render cache warm (after the first run)     ${results.kustomize.gate.ms} ms   peak ${results.kustomize.gate.peakRssMb} MB`);
mkdirSync(path.join(here, ".out"), { recursive: true });
writeFileSync(path.join(here, ".out", "results.json"), JSON.stringify(results, null, 2) + "\n");
