#!/usr/bin/env node
// mergegate's command line as the root package ships it (scripts/bundle-bin.mjs copies this file to bin/mergegate.js).
// Every command but `review` runs cli.cjs, compiled through a V8 code cache kept in the cache folder: a start then
// reads the compiled code instead of parsing and compiling a megabyte of JavaScript, which is a third of what a
// pre-commit check costs. Each command has a cache of its own, holding the code its first run compiled; a run that
// ends in a gate error (exit 2: a typo, a bad flag) writes none. `review` (the terminal UI: ink, an ES module with
// top-level await) runs the ES module build in esm/. A code cache that is missing, unreadable or rejected by V8
// (another Node.js, another build) only costs that start a compile; it is then written again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { Script } from "node:vm";

// One run is short: V8's default (66 KB of bytecode run before a function is considered for optimizing) has the
// optimizing compiler's threads busy with functions the run is nearly done with. Four times that is as fast alone
// and takes 10-15% less CPU, which is the other core's time when shards or other jobs share the machine.
v8.setFlagsFromString("--interrupt-budget=270336");

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);

// `--version` needs none of the bundle: the ES module build answers it from two small chunks
if (argv[0] === "review" || (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V"))) {
  await import("./esm/mergegate.js");
} else {
  const main = loadCli(path.join(here, "cli.cjs"), /^[a-z]+$/.test(argv[0] ?? "") ? argv[0] : "options");
  process.exitCode = await main(argv);
}

/** cli.cjs's `main`, compiled with the code cache of this build, this Node.js and this command when there is one. */
function loadCli(file, command) {
  const source = readFileSync(file, "utf8");
  const cacheFile = codeCacheFile(source, command);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet: compiled below, and written when the run ends
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once("exit", (code) => {
    if (code === 0 || code === 1) writeCodeCache(cacheFile, script);
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports.main;
}

/**
 * Named by the bundle's content (V8 itself only checks the source's length), the Node.js that compiled it and the
 * command: a new build or another Node.js gets its own.
 */
function codeCacheFile(source, command) {
  const xdg = process.env["XDG_CACHE_HOME"];
  // the cache folder of every other cache (core's cacheRoot), found without loading the bundle
  const root = path.join(xdg !== undefined && xdg !== "" ? xdg : path.join(os.homedir(), ".cache"), "mergegate");
  const digest = createHash("sha256").update(source).digest("hex").slice(0, 32);
  return path.join(root, "code", `cli-${digest}-${process.version}-${process.arch}-${command}.bin`);
}

/** After the run, so that the functions it compiled are in the cache too; a cache that cannot be written is not an error. */
function writeCodeCache(cacheFile, script) {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // the next start compiles again
  }
}
