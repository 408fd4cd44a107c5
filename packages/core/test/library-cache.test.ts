// The built-in library in the cache per library content: its rule metadata, read by a later start instead of parsing
// the Rego modules, and its parsed modules, read by a later check.
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

/** In a fresh process: whether the library's modules equal a fresh parse of its sources, and the first one's package. */
function parsedInFreshProcess(): { sameAsParse: boolean; firstPackage: string } {
  const script = [
    `const { parsedLibrary, libraryFolder } = await import(${JSON.stringify(libraryModule)});`,
    `const { parseModule } = await import(${JSON.stringify(regoModule)});`,
    `const { readFileSync } = await import("node:fs"); const path = await import("node:path"); const { isDeepStrictEqual } = await import("node:util");`,
    "const modules = parsedLibrary();",
    "const fresh = modules.map((module) => parseModule(readFileSync(path.join(libraryFolder, module.file), 'utf8'), module.file, { regoVersion: 'v1' }));",
    "console.log(JSON.stringify({ sameAsParse: isDeepStrictEqual(modules, fresh), firstPackage: modules[0].packagePath.join('.') }));",
  ].join("\n");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, XDG_CACHE_HOME: cache }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as { sameAsParse: boolean; firstPackage: string };
}

describe("the library's parsed modules in the cache", () => {
  it("are written on the first check and read, exactly as parsed, on the next", () => {
    const first = parsedInFreshProcess();
    expect(first.sameAsParse).toBe(true);
    const folder = path.join(cache, "mergegate", "policy-modules");
    const [entry] = readdirSync(folder);
    if (entry === undefined) throw new Error("no cache entry written");
    const file = path.join(folder, entry);
    // read back: the same syntax trees as a parse (bigints, shared annotations, each rule's link to its module)
    expect(parsedInFreshProcess()).toEqual(first);
    const cached = deserialize(readFileSync(file)) as { packagePath: string[] }[];
    writeFileSync(file, serialize(cached.map((module, index) => (index === 0 ? { ...module, packagePath: ["from", "cache"] } : module))));
    expect(parsedInFreshProcess()).toEqual({ sameAsParse: false, firstPackage: "from.cache" });
    // a malformed entry is parsed again, never trusted
    writeFileSync(file, serialize([{ nonsense: true }]));
    expect(parsedInFreshProcess()).toEqual(first);
    writeFileSync(file, "not V8's serialization");
    expect(parsedInFreshProcess()).toEqual(first);
  });
});
