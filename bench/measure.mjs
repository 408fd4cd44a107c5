// One measurement in a fresh process: `floor` (read + yaml.parseAllDocuments of every YAML file, one core) or
// `gate` (runGate: load + render + checks). Prints JSON: { ms, peakRssMb, resources }.
// Usage: node bench/measure.mjs floor|gate DIR
import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { parseAllDocuments } from "yaml";
import { runGate } from "@mergegate/core";

const [mode, dir] = process.argv.slice(2);
if (dir === undefined || (mode !== "floor" && mode !== "gate")) throw new Error("usage: measure.mjs floor|gate DIR");

const start = performance.now();
let resources = 0;
if (mode === "floor") {
  for (const file of fg.sync("**/*.{yaml,yml}", { cwd: dir, dot: true })) {
    resources += parseAllDocuments(readFileSync(path.join(dir, file), "utf8")).length;
  }
} else {
  const result = await runGate({ repo: dir });
  resources = result.render.environments.reduce((sum, env) => sum + env.resources.length, 0);
  if (result.verdict.exitCode !== 0) throw new Error(`the synthetic repo should pass, got ${result.findings.length} findings`);
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, resources }));
