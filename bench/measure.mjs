// One measurement in a fresh process: `floor` (read + yaml.parseAllDocuments of every YAML file, one core),
// `gate` (runGate: load + render + the foundation checks yaml/*, render/*, k8s/*), `full` (every check with the
// shipped schemas, offline) or `appset` (compiling the ApplicationSet schema alone).
// Prints JSON: { ms, peakRssMb, resources, findings }.
// Usage: node bench/measure.mjs floor|gate|full|appset DIR
import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { parseAllDocuments } from "yaml";

const [mode, dir] = process.argv.slice(2);
if (dir === undefined || !["floor", "gate", "full", "appset"].includes(mode)) throw new Error("usage: measure.mjs floor|gate|full|appset DIR");

const start = performance.now();
let resources = 0;
let findings = 0;
if (mode === "floor") {
  for (const file of fg.sync("**/*.{yaml,yml}", { cwd: dir, dot: true })) {
    resources += parseAllDocuments(readFileSync(path.join(dir, file), "utf8")).length;
  }
} else if (mode === "appset") {
  const { shippedCrdSource } = await import("../packages/core/dist/schemas/shipped.js");
  const { validatorFor } = await import("../packages/core/dist/schemas/validators.js");
  const resolved = await shippedCrdSource("argo-cd").schemaFor({ group: "argoproj.io", version: "v1alpha1", kind: "ApplicationSet" });
  const validate = validatorFor(resolved);
  resources = validate({ apiVersion: "argoproj.io/v1alpha1", kind: "ApplicationSet", metadata: { name: "apps" }, spec: { generators: [{ list: { elements: [] } }], template: { metadata: {}, spec: { project: "default", destination: {} } } } }) ? 1 : 0;
} else {
  const { rules, runGate } = await import("@mergegate/core");
  const foundation = rules.filter((rule) => /^(yaml|render|k8s)\//.test(rule.meta.id));
  const result = await runGate({ repo: dir, offline: true, ...(mode === "gate" ? { rules: foundation } : {}) });
  resources = result.render.environments.reduce((sum, env) => sum + env.resources.length, 0);
  findings = result.findings.length;
  if (mode === "gate" && result.verdict.exitCode !== 0) throw new Error(`the synthetic repo should pass the foundation checks, got ${result.findings.length} findings`);
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, resources, findings }));
