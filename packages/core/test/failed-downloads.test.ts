// A failed on-demand schema download is remembered for an hour, per source and mirror.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetFailure, recentFailure, rememberFailure } from "../src/schemas/failed-downloads.js";

describe("failed downloads", () => {
  const cacheRoot = mkdtempSync(path.join(os.tmpdir(), "mergegate-failed-"));
  afterEach(() => rmSync(cacheRoot, { recursive: true, force: true }));
  const at = new Date("2026-11-29T10:00:00Z");
  const minutes = (count: number) => new Date(at.getTime() + count * 60_000);

  it("holds a failure for an hour, for that source only, until forgotten", () => {
    rememberFailure(cacheRoot, "kubernetes 1.33 from upstream", "https://example.invalid/swagger.json: ENOTFOUND", at);
    expect(recentFailure(cacheRoot, "kubernetes 1.33 from upstream", minutes(59))).toBe(
      "https://example.invalid/swagger.json: ENOTFOUND (at 2026-11-29 10:00 UTC; not retried for an hour: run `mergegate schemas fetch` to try now)",
    );
    expect(recentFailure(cacheRoot, "kubernetes 1.33 from upstream", minutes(60))).toBeNull();
    expect(recentFailure(cacheRoot, "kubernetes 1.33 from http://mirror.example", minutes(1))).toBeNull();
    forgetFailure(cacheRoot, "kubernetes 1.33 from upstream");
    expect(recentFailure(cacheRoot, "kubernetes 1.33 from upstream", minutes(1))).toBeNull();
  });
});
