// `node bench/schema.mjs`: the schema check on 10,000 generated objects (250 apps × 4 environments × 10 kinds),
// cold (a fresh process: read and convert the OpenAPI document, compile the validators) and warm (validators compiled).
// Schemas come from BENCH_SCHEMA_LOCATION, default ../shared/k8s-schemas/openapi-v2/k8s-1.33-swagger.json.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runRender } from "@mergegate/core";
import { schemaReports } from "../packages/core/dist/checks/schema/validate-render.js";
import { generate } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const location = process.env.BENCH_SCHEMA_LOCATION ?? path.resolve(here, "../../shared/k8s-schemas/openapi-v2/k8s-1.33-swagger.json");
if (!existsSync(location)) {
  console.log(`skipping: no schema location (${location}); set BENCH_SCHEMA_LOCATION`);
  process.exit(0);
}
const dir = path.join(os.tmpdir(), "mergegate-bench", "schema");
const generated = generate({ apps: 250, envs: 4, layout: "plain", out: dir });
const { render } = await runRender({ repo: dir });

/** One schema pass over a copy of the render (the pass is memoized per render object). */
async function pass() {
  const copy = { environments: render.environments.map((environment) => ({ ...environment })) };
  const context = {
    files: new Map(),
    skipped: [],
    render: copy,
    diff: null,
    config: { version: 1 },
    schemaOptions: { kubernetesVersion: "1.33", locations: [location], offline: true, repoRoot: dir },
    report() {},
  };
  const start = performance.now();
  const reports = await schemaReports(context);
  return { ms: performance.now() - start, reports: reports.length };
}

const objects = render.environments.reduce((sum, environment) => sum + environment.resources.length, 0);
const kinds = new Set(render.environments.flatMap((environment) => environment.resources.map((resource) => `${resource.key.apiVersion} ${resource.key.kind}`))).size;
const cold = await pass();
const warm = [];
for (let run = 0; run < 5; run++) warm.push((await pass()).ms);
warm.sort((a, b) => a - b);
console.log(`schema check, ${objects} objects (${generated.files} files) against ${path.basename(location)}, ${os.cpus().length} cores`);
console.log(`  cold  (read + convert the spec, compile ${kinds} validators, validate)  ${Math.round(cold.ms)} ms   ${cold.reports} findings`);
console.log(`  warm  (validators compiled; median of 5)                      ${Math.round(warm[2])} ms   target < 1000 ms`);
