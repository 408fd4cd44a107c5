// Dependencies that only some builtins need (graphql, semver, re2-wasm) are required on the first call of one of
// them, not when the interpreter loads: few policies call them, and loading them reads, compiles and runs code.
// Each caller keeps its literal `require("name")`, which the bin bundle turns into a require of its own file.

/** A loader that calls `load` once, on first use, and returns its result from then on. */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: { value: T } | null = null;
  return () => (loaded ??= { value: load() }).value;
}
