// Bundles the built CLI into bin/: mergegate.js, the chunks it loads on demand (a command's code only when it runs,
// so `--version` and a check start without compiling the rest), the dependencies only some builtins need, each in
// its own CommonJS file, and re2.wasm beside them: what the root package `mergegate` publishes and what the
// pre-commit hook runs. They are committed (a test checks they are fresh), so installing either needs no compiler
// and no registry.
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

/**
 * The dependencies a check needs only when a policy calls one of their builtins. The workspace require()s them on
 * first use; in the bundle each is its own CommonJS file beside the chunks, required from there
 * (the chunks' require is their own, see commonJsBanner), so a start neither reads nor compiles them.
 */
const lazyDependencies = { graphql: "graphql.cjs", semver: "semver.cjs", "re2-wasm": "re2-wasm.cjs" };

const requiredFromOwnFiles = {
  name: "required-from-own-files",
  setup(context) {
    context.onResolve({ filter: /^(graphql|semver|re2-wasm)$/ }, (args) => {
      if (args.kind !== "require-call") throw new Error(`${args.path} is imported by ${args.importer}: only require() on first use keeps it out of the start`);
      return { path: `./${lazyDependencies[args.path]}`, external: true };
    });
  },
};

// chunks of an earlier build would otherwise stay beside the new ones
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isFile() && /^chunk-.*\.js$/.test(entry.name))) rmSync(path.join(outDir, file.name));

for (const [dependency, file] of Object.entries(lazyDependencies)) {
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(dependency)});`, resolveDir: path.join(root, "packages/rego"), loader: "js" },
    outfile: path.join(outDir, file),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    legalComments: "none",
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
  });
}

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
  plugins: [bundleLocalRequires(/[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/, "js"), requiredFromOwnFiles, withoutInkDevtools],
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  metafile: true,
});

// A dependency that escaped the bundle would only fail at run time, in the installed hook. (The CLI runs no Wasm
// bundle: opa-wasm is not in it.)
const bundled = Object.keys(metafile.inputs);
for (const dependency of Object.keys(lazyDependencies)) {
  if (bundled.some((input) => input.includes(`node_modules/${dependency}/`))) throw new Error(`${dependency} is in the chunks: it belongs in its own file`);
}
const outputs = Object.values(metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
for (const [dependency, file] of Object.entries(lazyDependencies)) {
  if (!outputs.includes(`./${file}`)) throw new Error(`${dependency} is not required from ${file}: is it still loaded through a local createRequire?`);
}
const re2 = createRequire(path.join(root, "packages/rego/package.json")).resolve("re2-wasm/build/wasm/re2.wasm");
copyFileSync(re2, path.join(outDir, "re2.wasm"));
