// The committed bin/ (the root package's CLI, the chunks it loads on demand and its re2.wasm, which pre-commit runs
// as they are) is what the bundler makes from the current sources.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/tools.js";

describe("the committed bin bundle", () => {
  it("is what scripts/bundle-bin.mjs makes from the current sources, and executable", () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), "mergegate-bin-build-"));
    try {
      execFileSync(process.execPath, [path.join(projectRoot, "scripts/bundle-bin.mjs"), "--outdir", fresh], { cwd: projectRoot });
      const files = readdirSync(fresh).sort();
      expect(readdirSync(path.join(projectRoot, "bin")).sort(), "bin/ holds other files than a build makes: run npm run build and commit bin/").toEqual(files);
      for (const file of files) {
        const same = readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(projectRoot, "bin", file)));
        expect(same, `bin/${file} is stale: run npm run build and commit bin/`).toBe(true);
      }
      expect(statSync(path.join(projectRoot, "bin/mergegate.js")).mode & 0o111).not.toBe(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
