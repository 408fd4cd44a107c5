// The built-in library's rule metadata is kept in the cache per library content: a later start reads it from there
// instead of parsing the Rego modules.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
