// Test configuration: unit tests beside each package, integration and end-to-end tests in test/.
// Tests never reach the internet: schema downloads are off (MERGEGATE_OFFLINE) and the schema cache is a fresh
// folder, so a developer's ~/.cache/mergegate cannot change results. Tests that exercise downloads override both.
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "packages/*/test/**/*.test.tsx", "test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    env: { MERGEGATE_OFFLINE: "1", XDG_CACHE_HOME: path.join(os.tmpdir(), `mergegate-test-cache-${process.pid}`) },
  },
});
