// The committed bin/ (the root package's CLI: its entry, cli.cjs, the ES module build in esm/, the dependencies some
// builtins load and re2.wasm, which pre-commit runs as they are) is what the bundler makes from the current sources;
// the entry runs a command from the cached code of cli.cjs, and writes that cache only after a run that did its job.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/tools.js";

describe("the committed bin bundle", () => {
  it("is what scripts/bundle-bin.mjs makes from the current sources, and executable", () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), "mergegate-bin-build-"));
    try {
      execFileSync(process.execPath, [path.join(projectRoot, "scripts/bundle-bin.mjs"), "--outdir", fresh], { cwd: projectRoot });
      const filesIn = (folder: string): string[] => readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((file) => statSync(path.join(folder, file)).isFile()).sort();
      const files = filesIn(fresh);
      expect(filesIn(path.join(projectRoot, "bin")), "bin/ holds other files than a build makes: run npm run build and commit bin/").toEqual(files);
      expect(files).toEqual(expect.arrayContaining(["mergegate.js", "cli.cjs", "esm/mergegate.js", "re2.wasm"]));
      for (const file of files) {
        const same = readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(projectRoot, "bin", file)));
        expect(same, `bin/${file} is stale: run npm run build and commit bin/`).toBe(true);
      }
      expect(statSync(path.join(projectRoot, "bin/mergegate.js")).mode & 0o111).not.toBe(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("runs a command from the code cache its first successful run wrote, and compiles again past a cache V8 rejects", () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), "mergegate-code-cache-"));
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(projectRoot, "bin/mergegate.js"), ...args], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: cache } });
    const cached = (): string[] => (existsSync(path.join(cache, "mergegate/code")) ? readdirSync(path.join(cache, "mergegate/code")).sort() : []);
    try {
      expect(run("no-such-command").status).toBe(2);
      expect(cached(), "a gate error writes no cache").toEqual([]);
      const first = run("rules");
      expect(first.status).toBe(0);
      expect(cached()).toEqual([expect.stringMatching(/^cli-[0-9a-f]{32}-v\d+\.\d+\.\d+-\w+-rules\.bin$/)]);
      const entry = path.join(cache, "mergegate/code", cached()[0]!);
      const written = readFileSync(entry);
      expect(run("rules").stdout).toBe(first.stdout);
      expect(readFileSync(entry).equals(written), "an accepted cache is not written again").toBe(true);
      writeFileSync(entry, "not a code cache");
      expect(run("rules").stdout).toBe(first.stdout);
      expect(readFileSync(entry).length).toBeGreaterThan(1000);
      expect(run("--version").stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
