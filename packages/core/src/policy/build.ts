// `mergegate policy build DIR`: compile Rego to an OPA Wasm bundle with the `opa` binary, cached by content.
import { buildBundle, findOpa } from "@mergegate/rego";
import { GateError } from "../errors.js";
import { cacheRoot } from "../schemas/cache.js";

export async function policyBuild(directory: string, entrypoints: readonly string[]): Promise<string> {
  if (entrypoints.length === 0) throw new GateError("policy build needs at least one entrypoint (-e package/rule)");
  if (findOpa() === undefined) {
    throw new GateError("policy build needs the `opa` binary on PATH (compiled bundles are optional: mergegate evaluates Rego itself)");
  }
  try {
    return await buildBundle(directory, { entrypoints: [...entrypoints], cacheDir: cacheRoot() });
  } catch (error) {
    throw new GateError(`opa build failed: ${(error as Error).message.split("\n")[0] ?? ""}`, directory);
  }
}
