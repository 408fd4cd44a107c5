// CRDs of the environments a run does not check: the schema check validates custom resources against the CRDs of
// every environment, so environments left out (unaffected, other shards) still lend theirs, read from their files.
import type { Environment, EnvironmentRender, Resource, SourceFile } from "../types.js";
import { environmentInputs, inputFiles } from "./inputs.js";
import { isObject, resourceKeyOf } from "./resource.js";

/** One render per environment not checked, holding only the CustomResourceDefinitions among its input files. */
export function crdContext(environments: readonly Environment[], checked: ReadonlySet<string>, files: ReadonlyMap<string, SourceFile>): EnvironmentRender[] {
  const renders: EnvironmentRender[] = [];
  for (const env of environments) {
    if (checked.has(env.name)) continue;
    const resources: Resource[] = [];
    for (const file of inputFiles(environmentInputs(env, files), files)) {
      // the identities first: only a file that holds a CRD has its values read
      if (!file.identities.some((identity) => identity?.kind === "CustomResourceDefinition")) continue;
      file.values.forEach((value, documentIndex) => {
        if (!isObject(value) || value["kind"] !== "CustomResourceDefinition" || typeof value["apiVersion"] !== "string" || !value["apiVersion"].startsWith("apiextensions.k8s.io/")) return;
        resources.push({ key: resourceKeyOf(value), object: value, origin: { file: file.repoPath, documentIndex, basePointer: "", generator: null }, env: env.name });
      });
    }
    if (resources.length > 0) renders.push({ env, resources, kustomizations: [], failed: false, skippedReason: "CRD context", problems: [] });
  }
  return renders;
}
