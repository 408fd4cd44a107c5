// Bundles the Action for the runner: src/main.ts with @mergegate/core and @mergegate/rego (from their sources) and
// every dependency into one deterministic ESM file, dist/index.js, with re2-wasm's re2.wasm beside it.
// Usage: node packages/action/build.mjs [--outdir DIR]   (default: packages/action/dist)
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundleLocalRequires, commonJsBanner } from "../../scripts/esbuild-node.mjs";

const actionRoot = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(actionRoot, "../..");

async function buildAction(outdir) {
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [path.join(actionRoot, "src/main.ts")],
    outfile: path.join(outdir, "index.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: { js: commonJsBanner },
    alias: { "@mergegate/core": "./packages/core/src/index.ts", "@mergegate/rego": "./packages/rego/src/index.ts" },
    plugins: [bundleLocalRequires(/[\\/]packages[\\/](core|rego)[\\/]src[\\/].*\.ts$/, "ts")],
    logLevel: "warning",
  });
  const bundle = readFileSync(path.join(outdir, "index.js"), "utf8");
  const lookups = bundle.match(/\b\w*createRequire\w*\(import\.meta\.url\)/gi)?.filter((call) => !call.startsWith("__mergegateCreateRequire")) ?? [];
  if (lookups.length > 0) throw new Error(`the bundle still loads packages from node_modules at run time: ${lookups.join(", ")}`);
  const re2Glue = createRequire(path.join(projectRoot, "packages/rego/package.json")).resolve("re2-wasm");
  const wasm = path.join(outdir, "re2.wasm");
  copyFileSync(path.join(path.dirname(re2Glue), "../wasm/re2.wasm"), wasm);
  chmodSync(wasm, 0o644);
}

const outdirFlag = process.argv.indexOf("--outdir");
await buildAction(outdirFlag === -1 ? path.join(actionRoot, "dist") : path.resolve(process.argv[outdirFlag + 1] ?? "."));
