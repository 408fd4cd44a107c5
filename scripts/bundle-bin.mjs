// Bundles the built CLI into bin/ — what the root package `mergegate` publishes and what the pre-commit hook runs:
// - mergegate.js (scripts/bin-entry.mjs): runs `review` from esm/, every other command from cli.cjs through a V8
//   code cache, so that a start reads compiled code instead of compiling the bundle;
// - cli.cjs: the CLI without the terminal UI, one CommonJS file (V8 caches the code of scripts, not of ES modules);
// - esm/: the CLI as ES modules, the chunks each command loads on demand, for `review` (ink is an ES module with
//   top-level await, which CommonJS cannot hold);
// - the dependencies only some builtins need, each in its own CommonJS file, and re2.wasm beside them.
// They are committed (a test checks they are fresh), so installing either needs no compiler and no registry.
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
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

/** `folder`: where the files are from the bundle's own folder ("." beside it, ".." above it). */
const requiredFromOwnFiles = (folder) => ({
  name: "required-from-own-files",
  setup(context) {
    context.onResolve({ filter: /^(graphql|semver|re2-wasm)$/ }, (args) => {
      if (args.kind !== "require-call") throw new Error(`${args.path} is imported by ${args.importer}: only require() on first use keeps it out of the start`);
      return { path: `${folder}/${lazyDependencies[args.path]}`, external: true };
    });
  },
});

/** cli.cjs never starts the terminal UI (mergegate.js runs `review` from esm/): in its place, a module that says so. */
const withoutTui = {
  name: "without-tui",
  setup(context) {
    context.onResolve({ filter: /^\.\.\/tui\/start\.js$/ }, () => ({ path: "tui", namespace: "without-tui" }));
    context.onLoad({ filter: /.*/, namespace: "without-tui" }, () => ({
      contents: 'export function startReview() { throw new Error("the review runs from bin/esm (see bin/mergegate.js)"); }',
      loader: "js",
    }));
  },
};

// files of an earlier build would otherwise stay beside the new ones
rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, "esm"), { recursive: true });

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

const common = { bundle: true, platform: "node", target: "node20", legalComments: "none", minifyWhitespace: true, minifySyntax: true, logLevel: "warning", metafile: true };
const workspaceRequires = bundleLocalRequires(/[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/, "js");

// cli.cjs: `import.meta.url` (the library's and the shipped schemas' folders are found from it) is the file's URL
const cli = await build({
  ...common,
  stdin: { contents: 'module.exports = { main: require("./packages/cli/dist/main.js").main };', resolveDir: root, loader: "js" },
  outfile: path.join(outDir, "cli.cjs"),
  format: "cjs",
  banner: { js: 'const __mergegateUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__mergegateUrl" },
  plugins: [workspaceRequires, requiredFromOwnFiles("."), withoutTui],
});

const esm = await build({
  ...common,
  entryPoints: { mergegate: path.join(root, "packages/cli/bin/mergegate.js") },
  outdir: path.join(outDir, "esm"),
  splitting: true,
  chunkNames: "chunk-[hash]",
  format: "esm",
  banner: { js: commonJsBanner },
  plugins: [workspaceRequires, requiredFromOwnFiles(".."), withoutInkDevtools],
});

copyFileSync(path.join(root, "scripts/bin-entry.mjs"), path.join(outDir, "mergegate.js"));
chmodSync(path.join(outDir, "mergegate.js"), 0o755);

// A dependency that escaped the bundle would only fail at run time, in the installed hook. (The CLI runs no Wasm
// bundle: opa-wasm is not in it.)
for (const [build, folder] of [[cli, "."], [esm, ".."]]) {
  const bundled = Object.keys(build.metafile.inputs);
  for (const dependency of Object.keys(lazyDependencies)) {
    if (bundled.some((input) => input.includes(`node_modules/${dependency}/`))) throw new Error(`${dependency} is in the bundle: it belongs in its own file`);
  }
  const outputs = Object.values(build.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  for (const [dependency, file] of Object.entries(lazyDependencies)) {
    if (!outputs.includes(`${folder}/${file}`)) throw new Error(`${dependency} is not required from ${file}: is it still loaded through a local createRequire?`);
  }
}
const re2 = createRequire(path.join(root, "packages/rego/package.json")).resolve("re2-wasm/build/wasm/re2.wasm");
copyFileSync(re2, path.join(outDir, "re2.wasm"));
