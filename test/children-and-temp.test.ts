// Children and temporary folders (issue 18, problems 5 and 7): every child runs with a memory and an output cap,
// a missing tool is still ENOENT, and temporary folders go away on SIGTERM and, for killed runs, at the next start.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rendererEnv, runTool } from "../packages/core/src/subprocess.js";
import { removeStaleFolders } from "../packages/core/src/temp-folders.js";
import { binPath } from "./support/cli.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

describe("child caps", () => {
  it("stops a child that writes more than its output cap", async () => {
    const run = await runTool(process.execPath, ["-e", "process.stdout.write('x'.repeat(1 << 20))"], { outputBytes: 64 * 1024 });
    expect(run.outputExceeded).toBe(true);
    expect(run.stdout).toBe("");
  });

  it("keeps a child within its memory cap", async () => {
    if (!hasTool("python3")) return;
    const run = await runTool("python3", ["-c", "x = bytearray(600 * 1024 * 1024); print('allocated')"], { memoryBytes: 300 * 1024 * 1024 });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain("allocated");
    const roomy = await runTool("python3", ["-c", "x = bytearray(10 * 1024 * 1024); print('allocated')"], { memoryBytes: 300 * 1024 * 1024 });
    expect(roomy.stdout).toContain("allocated");
  });

  it("runs renderers with Go's collector tuned for a short run, within half the memory cap, unless the user tuned it", async () => {
    const shown = async (env: NodeJS.ProcessEnv): Promise<string> => (await runTool("sh", ["-c", 'echo "$GOGC $GOMEMLIMIT"'], { env: rendererEnv(env) })).stdout.trim();
    process.env["MERGEGATE_CHILD_MEMORY_MB"] = "1024";
    try {
      expect(await shown({ PATH: process.env["PATH"] })).toBe("800 512MiB");
      expect(await shown({ PATH: process.env["PATH"], GOGC: "100", GOMEMLIMIT: "2GiB" })).toBe("100 2GiB");
    } finally {
      delete process.env["MERGEGATE_CHILD_MEMORY_MB"];
    }
  });

  it("stops a child when its signal is aborted", async () => {
    const abort = new AbortController();
    const running = runTool(process.execPath, ["-e", "setTimeout(() => console.log('finished'), 20000)"], { signal: abort.signal });
    abort.abort();
    const run = await running;
    expect(run.code).toBeNull();
    expect(run.stdout).toBe("");
  });

  it("still reports a missing program as ENOENT", async () => {
    const run = await runTool("mergegate-no-such-tool", ["--version"]);
    expect(run.spawnError?.code).toBe("ENOENT");
  });
});

describe("temporary folders", () => {
  it("removes the folders of runs that no longer exist, never a live run's", () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "mergegate-tmp-test-"));
    try {
      for (const name of ["mergegate-kustomize-999999999-abc123", `mergegate-kustomize-${process.pid}-def456`, "mergegate-other-999999999-abc123"]) mkdirSync(path.join(tmp, name));
      removeStaleFolders(tmp);
      expect(readdirSync(tmp).sort()).toEqual([`mergegate-kustomize-${process.pid}-def456`, "mergegate-other-999999999-abc123"]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("removes its folders when the run is terminated", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "mergegate-tmp-test-"));
    const bin = path.join(tmp, "bin");
    const temp = path.join(tmp, "temp");
    mkdirSync(bin);
    mkdirSync(temp);
    writeFileSync(path.join(bin, "kustomize"), '#!/bin/sh\nif [ "$1" = version ]; then echo v5.5.0; exit 0; fi\nexec sleep 60\n');
    chmodSync(path.join(bin, "kustomize"), 0o755);
    const repo = writeRepo({ "app/kustomization.yaml": "resources:\n- cm.yaml\n", "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: app\n" });
    try {
      const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`, TMPDIR: temp, XDG_CACHE_HOME: path.join(tmp, "cache"), MERGEGATE_OFFLINE: "1" };
      const child = spawn(process.execPath, [binPath, "check", repo.root, "--offline"], { env, stdio: "ignore" });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
      const wrappers = (): string[] => readdirSync(temp).filter((name) => name.startsWith("mergegate-kustomize-"));
      for (let attempt = 0; attempt < 300 && wrappers().length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(wrappers()).toHaveLength(1);
      child.kill("SIGTERM");
      expect(await exited).toBe("SIGTERM");
      expect(wrappers()).toEqual([]);
      expect(existsSync(temp)).toBe(true);
    } finally {
      repo.remove();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
