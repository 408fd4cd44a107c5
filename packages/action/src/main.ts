// The Action's entry point, bundled to dist/index.js: run the gate and exit with its code. The engine is imported
// lazily so that even a failure to load it (a bundle missing its re2.wasm) still reports verdict=error.
import * as core from "@actions/core";

try {
  const { run } = await import("./run.js");
  process.exitCode = await run();
} catch (error) {
  const message = `internal error: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`;
  core.debug(error instanceof Error ? (error.stack ?? message) : message);
  core.error(message, { title: "mergegate gate error" });
  core.setOutput("verdict", "error");
  if (process.env["GITHUB_STEP_SUMMARY"] !== undefined) {
    await core.summary
      .addRaw(`## ⚠️ mergegate: error\n\n> ${message}\n`)
      .write()
      .catch((summaryError: Error) => core.warning(`could not write the job summary: ${summaryError.message}`));
  }
  // Exit now: a half-loaded engine can hold timers (re2-wasm's emscripten glue waits 10 s after a failed load).
  process.exit(2);
}
