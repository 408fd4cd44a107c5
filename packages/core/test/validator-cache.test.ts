// Validators kept across runs: a second process loads the first one's compiled code and reports the same errors;
// an entry that cannot be loaded is compiled again.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dist = new URL("../dist/", import.meta.url).href;
const cache = mkdtempSync(path.join(os.tmpdir(), "mergegate-validator-cache-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replica: 2, replicas: "3", selector: {}, template: { spec: { containers: [{ name: "web", image: "nginx", imagePullPolicy: "Sometimes" }] } } } };

/** The problems a fresh process finds in the Deployment. */
function problems(): string[] {
  const script = `
    const { shippedKubernetesSource } = await import(${JSON.stringify(`${dist}schemas/shipped.js`)});
    const { validatorFor } = await import(${JSON.stringify(`${dist}schemas/validators.js`)});
    const { problemsOf } = await import(${JSON.stringify(`${dist}checks/schema/schema-errors.js`)});
    const validate = validatorFor(await shippedKubernetesSource("1.33").schemaFor({ group: "apps", version: "v1", kind: "Deployment" }));
    validate(${JSON.stringify(deployment)});
    console.log(JSON.stringify(problemsOf(validate.errors ?? [], { echoValues: true }).map((problem) => problem.rule + " " + problem.pointer + " " + problem.message)));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, XDG_CACHE_HOME: cache }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as string[];
}

describe("validators kept in the cache", () => {
  it("are loaded by the next process with the same errors, and compiled again when unloadable", () => {
    const first = problems();
    expect(first).toEqual([
      'schema/unknown-field /spec/replica spec.replica: unknown field — did you mean "replicas"?',
      'schema/invalid-type /spec/replicas spec.replicas: expected integer, got string "3"',
      "schema/invalid-value /spec/template/spec/containers/0/imagePullPolicy spec.template.spec.containers[0].imagePullPolicy: must be one of Always, IfNotPresent, Never (got \"Sometimes\")",
    ]);
    const folder = path.join(cache, "mergegate", "validators");
    const entries = readdirSync(folder);
    expect(entries).toHaveLength(1);
    expect(problems()).toEqual(first);
    expect(readdirSync(folder)).toEqual(entries);
    // what the next process runs is the stored code: a stored validator that accepts everything finds nothing
    writeFileSync(path.join(folder, entries[0] ?? ""), "module.exports = function validate() { validate.errors = null; return true; };");
    expect(problems()).toEqual([]);
    writeFileSync(path.join(folder, entries[0] ?? ""), "this is not JavaScript {");
    expect(problems()).toEqual(first);
  });
});
