// What both bundles (the root bin for pre-commit and the Action's dist) need to run the workspace as one ESM file.
import { readFileSync } from "node:fs";

/** CommonJS glue in the bundle (re2-wasm's emscripten loader) reads require, __filename and __dirname: the bundle's own. */
export const commonJsBanner = [
  'import { createRequire as __mergegateCreateRequire } from "node:module";',
  'import { fileURLToPath as __mergegateFileURLToPath } from "node:url";',
  "const require = __mergegateCreateRequire(import.meta.url);",
  "const __filename = __mergegateFileURLToPath(import.meta.url);",
  'const __dirname = __mergegateFileURLToPath(new URL(".", import.meta.url));',
].join("\n");

const localRequire = /^const require = createRequire\(import\.meta\.url\);$/m;

/**
 * The workspace's modules load CommonJS packages (re2-wasm, opa-wasm) through `const require =
 * createRequire(import.meta.url)`, which esbuild leaves as a run-time lookup in node_modules — absent beside a
 * bundle. Dropping that line in the files `filter` matches makes their require() calls plain ones, which esbuild
 * bundles.
 */
export function bundleLocalRequires(filter, loader) {
  return {
    name: "bundle-local-requires",
    setup(context) {
      context.onLoad({ filter }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!localRequire.test(text)) return undefined;
        return { contents: text.replace(localRequire, ""), loader };
      });
    },
  };
}
