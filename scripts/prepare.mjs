// The root `prepare` script (npm ci, npm pack, installs from git): builds the TypeScript when the compiler is there
// (a development checkout), and bundles bin/mergegate.js only when it is missing. The bundle is committed, so an
// install without dev dependencies (pre-commit, `npm install -g github:…`) compiles nothing and does nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(root, "bin/mergegate.js");

function compiler() {
  try {
    return createRequire(path.join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    return null;
  }
}

const tsc = compiler();
if (tsc !== null) execFileSync(process.execPath, [tsc, "-b"], { cwd: root, stdio: "inherit" });
if (!existsSync(bundle)) {
  if (tsc === null) throw new Error("bin/mergegate.js is missing and TypeScript is not installed to build it: run npm ci in a checkout");
  execFileSync(process.execPath, [path.join(root, "scripts/bundle-bin.mjs")], { cwd: root, stdio: "inherit" });
}
