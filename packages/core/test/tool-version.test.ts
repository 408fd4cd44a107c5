// Tool versions are asked once per installed binary and cached by its path, size and mtime.
import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveOnPath, toolVersion } from "../src/render/tool-version.js";

describe("toolVersion", () => {
  let folder: string;
  let savedPath: string | undefined;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), "mergegate-tool-"));
    savedPath = process.env["PATH"];
  });
  afterEach(() => {
    process.env["PATH"] = savedPath;
    rmSync(folder, { recursive: true, force: true });
  });

  /** A fake tool that logs each call and prints a version. */
  function fakeTool(name: string, printed: string): string {
    const tool = path.join(folder, name);
    writeFileSync(tool, `#!/bin/sh\necho call >> "${path.join(folder, "calls")}"\necho "${printed}"\n`);
    chmodSync(tool, 0o755);
    process.env["PATH"] = `${folder}${path.delimiter}${savedPath ?? ""}`;
    return tool;
  }
  const calls = () => readFileSync(path.join(folder, "calls"), "utf8").split("\n").filter(Boolean).length;

  it("runs the tool once, then answers from the cache until the binary changes", async () => {
    const tool = fakeTool(`fake-kustomize-${process.pid}`, "Kustomize Version: v5.5.0");
    const name = path.basename(tool);
    const pattern = /Kustomize Version:\s*(v\d+\.\d+\.\d+)/;
    expect(await toolVersion(name, ["version"], pattern)).toEqual({ found: true, version: "v5.5.0" });
    expect(await toolVersion(name, ["version"], pattern)).toEqual({ found: true, version: "v5.5.0" });
    expect(calls()).toBe(1);
    utimesSync(tool, new Date(), new Date(Date.now() + 5000));
    expect(await toolVersion(name, ["version"], pattern)).toEqual({ found: true, version: "v5.5.0" });
    expect(calls()).toBe(2);
  });

  it("says not found without running anything when PATH has no such tool", async () => {
    expect(resolveOnPath(`no-such-tool-${process.pid}`)).toBeNull();
    expect(await toolVersion(`no-such-tool-${process.pid}`, ["version"], /(.*)/)).toEqual({ found: false, version: null });
  });
});
