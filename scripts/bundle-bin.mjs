// Bundles the built CLI into bin/: mergegate.js, the chunks it loads on demand (a command's code only when it runs,
// so `--version` and a check start without compiling the rest) and re2.wasm beside them: what the root package
// `mergegate` publishes and what the pre-commit hook runs. They are committed (a test checks they are fresh), so
// installing either needs no compiler and no registry.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundleLocalRequires, commonJsBanner } from "./esbuild-node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// `--outdir DIR` builds elsewhere (the freshness test compares that build with the committed bin/).
const outDirFlag = process.argv.indexOf("--outdir");
const outDir = outDirFlag === -1 ? path.join(root, "bin") : path.resolve(process.argv[outDirFlag + 1] ?? "");

/**
 * ink imports its React DevTools bridge (and react-devtools-core, not a dependency) only when DEV=true. In the
 * bundle that import fails as it does in ink when the package is missing, so ink prints its own hint.
 */
const withoutInkDevtools = {
  name: "without-ink-devtools",
  setup(context) {
    context.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: "ink-devtools", namespace: "without-ink-devtools" } : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: "without-ink-devtools" }, () => ({
      contents: 'throw Object.assign(new Error("react-devtools-core is not bundled"), { code: "ERR_MODULE_NOT_FOUND" });',
      loader: "js",
    }));
  },
};

// chunks of an earlier build would otherwise stay beside the new ones
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isFile() && /^chunk-.*\.js$/.test(entry.name))) rmSync(path.join(outDir, file.name));

const { metafile } = await build({
  entryPoints: { mergegate: path.join(root, "packages/cli/bin/mergegate.js") },
  outdir: outDir,
  splitting: true,
  chunkNames: "chunk-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  banner: { js: commonJsBanner },
  plugins: [bundleLocalRequires(/[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/, "js"), withoutInkDevtools],
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  metafile: true,
});

// A dependency that escaped the bundle would only fail at run time, in the installed hook.
const bundled = Object.keys(metafile.inputs);
for (const dependency of ["re2-wasm", "@open-policy-agent/opa-wasm"]) {
  if (!bundled.some((input) => input.includes(`node_modules/${dependency}/`))) {
    throw new Error(`${dependency} is not in the bundle: is it still loaded through a local createRequire?`);
  }
}
const re2 = createRequire(path.join(root, "packages/rego/package.json")).resolve("re2-wasm/build/wasm/re2.wasm");
copyFileSync(re2, path.join(outDir, "re2.wasm"));
