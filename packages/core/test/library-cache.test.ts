// The built-in library in the cache per library content: its rule metadata, read by a later start instead of parsing
// the Rego modules, and its compiled policy, read by a later check instead of parsing and compiling them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { afterAll, describe, expect, it } from "vitest";

const libraryModule = new URL("../dist/checks/policy/library.js", import.meta.url).href;
const cache = mkdtempSync(path.join(os.tmpdir(), "mergegate-library-cache-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The rule descriptions a fresh process sees. */
function descriptions(): Record<string, string> {
  const script = `const { libraryRules } = await import(${JSON.stringify(libraryModule)}); console.log(JSON.stringify(Object.fromEntries(libraryRules().map((rule) => [rule.meta.id, rule.meta.description]))));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, XDG_CACHE_HOME: cache }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Record<string, string>;
}

describe("the library's rule metadata in the cache", () => {
  it("is written on the first start and read on the next", () => {
    const first = descriptions();
    expect(first["policy/production-replicas"]).toBe("A production workload runs fewer than 2 replicas and no HorizontalPodAutoscaler keeps at least 2.");
    const folder = path.join(cache, "mergegate", "policy-library");
    const [entry] = readdirSync(folder);
    if (entry === undefined) throw new Error("no cache entry written");
    const file = path.join(folder, entry);
    const cached = JSON.parse(readFileSync(file, "utf8")) as { meta: { id: string; description: string } }[];
    expect(cached.map((rule) => rule.meta.id).sort()).toEqual(Object.keys(first).sort());
    // an entry read back as it is: edit one description and a new process shows it
    writeFileSync(file, JSON.stringify(cached.map((rule) => (rule.meta.id === "policy/production-replicas" ? { ...rule, meta: { ...rule.meta, description: "from the cache" } } : rule))));
    expect(descriptions()["policy/production-replicas"]).toBe("from the cache");
    // a malformed entry is parsed again, never trusted
    writeFileSync(file, JSON.stringify([{ nonsense: true }]));
    expect(descriptions()).toEqual(first);
  });
});

const regoModule = new URL("../../rego/dist/index.js", import.meta.url).href;

interface FreshPolicy {
  /** Whether the library's policy equals, prototypes included, a compile of a fresh parse of its sources. */
  sameAsCompile: boolean;
  /** The line of the first rule, as Policy.rules() shows it. */
  firstRuleLine: number;
  /** The deny sets of every library rule for a one-replica production Deployment. */
  denies: unknown[];
}

function policyInFreshProcess(): FreshPolicy {
  const script = [
    `const { libraryPolicy, libraryRules, libraryFolder } = await import(${JSON.stringify(libraryModule)});`,
    `const { compileParsed, parseModule } = await import(${JSON.stringify(regoModule)});`,
    `const { readFileSync } = await import("node:fs"); const path = await import("node:path"); const { isDeepStrictEqual } = await import("node:util");`,
    "const policy = libraryPolicy();",
    "const fresh = compileParsed(policy.modules.map((module) => parseModule(readFileSync(path.join(libraryFolder, module.file), 'utf8'), module.file, { regoVersion: 'v1' })));",
    "const input = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'web:latest' }] } } } };",
    "const data = { mergegate: { environment: { name: 'prod', production: true }, objects: [input] } };",
    "const denies = policy.evalRefs(libraryRules().map((rule) => `data.${rule.package}.deny`), input, { data });",
    "console.log(JSON.stringify({ sameAsCompile: isDeepStrictEqual(policy, fresh), firstRuleLine: policy.rules()[0].location.line, denies }));",
  ].join("\n");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, XDG_CACHE_HOME: cache }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as FreshPolicy;
}

describe("the library's compiled policy in the cache", () => {
  it("is written on the first check and read, exactly as compiled, on the next", () => {
    const first = policyInFreshProcess();
    expect(first.sameAsCompile).toBe(true);
    expect(first.denies.flat().length).toBeGreaterThan(0);
    const folder = path.join(cache, "mergegate", "policy-compiled");
    const [entry] = readdirSync(folder);
    if (entry === undefined) throw new Error("no cache entry written");
    const file = path.join(folder, entry);
    // read back: the same rule tree (bigints, shared objects, the rule nodes' class) and the same findings
    expect(policyInFreshProcess()).toEqual(first);
    const cached = deserialize(readFileSync(file)) as { compiled: { modules: { rules: { loc: { line: number } }[] }[] } };
    const rule = cached.compiled.modules[0]?.rules[0];
    if (rule === undefined) throw new Error("no rule in the entry");
    rule.loc = { ...rule.loc, line: 9999 };
    writeFileSync(file, serialize(cached));
    expect(policyInFreshProcess()).toEqual({ ...first, sameAsCompile: false, firstRuleLine: 9999 });
    // a malformed entry is compiled again, never trusted
    writeFileSync(file, serialize({ compiled: { root: { nonsense: true }, modules: [] }, instances: [] }));
    expect(policyInFreshProcess()).toEqual(first);
    writeFileSync(file, "not V8's serialization");
    expect(policyInFreshProcess()).toEqual(first);
  });
});
