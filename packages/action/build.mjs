// Bundles the Action for the runner: src/main.ts with @mergegate/core and @mergegate/rego (from their sources) and
// every dependency into one deterministic ESM file, dist/index.js, with re2-wasm's re2.wasm beside it.
// Usage: node packages/action/build.mjs [--outdir DIR]   (default: packages/action/dist)
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const actionRoot = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(actionRoot, "../..");

/** CommonJS dependencies (re2-wasm's emscripten glue) expect require, __filename and __dirname: the bundle's own. */
const banner = [
  'import { createRequire as __bundleCreateRequire } from "node:module";',
  'import { dirname as __bundleDirname } from "node:path";',
  'import { fileURLToPath as __bundleFileURLToPath } from "node:url";',
  "const require = __bundleCreateRequire(import.meta.url);",
  "const __filename = __bundleFileURLToPath(import.meta.url);",
  "const __dirname = __bundleDirname(__filename);",
].join("\n");

/**
 * The workspace's modules load CommonJS packages through `const require = createRequire(import.meta.url)`, which
 * esbuild leaves as a runtime lookup in node_modules — absent where the Action runs. Dropping that line makes their
 * require() calls plain ones, which esbuild bundles.
 */
const bundleCreateRequire = {
  name: "bundle-create-require",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]packages[\\/](core|rego)[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      return { contents: source.replace(/^const require = createRequire\(import\.meta\.url\);$/m, ""), loader: "ts" };
    });
  },
};

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
    banner: { js: banner },
    alias: { "@mergegate/core": "./packages/core/src/index.ts", "@mergegate/rego": "./packages/rego/src/index.ts" },
    plugins: [bundleCreateRequire],
    logLevel: "warning",
  });
  const bundle = readFileSync(path.join(outdir, "index.js"), "utf8");
  const lookups = bundle.match(/\b\w*createRequire\w*\(import\.meta\.url\)/gi)?.filter((call) => !call.startsWith("__bundleCreateRequire")) ?? [];
  if (lookups.length > 0) throw new Error(`the bundle still loads packages from node_modules at run time: ${lookups.join(", ")}`);
  const re2Glue = createRequire(path.join(projectRoot, "packages/rego/package.json")).resolve("re2-wasm");
  const wasm = path.join(outdir, "re2.wasm");
  copyFileSync(path.join(path.dirname(re2Glue), "../wasm/re2.wasm"), wasm);
  chmodSync(wasm, 0o644);
}

const outdirFlag = process.argv.indexOf("--outdir");
await buildAction(outdirFlag === -1 ? path.join(actionRoot, "dist") : path.resolve(process.argv[outdirFlag + 1] ?? "."));
