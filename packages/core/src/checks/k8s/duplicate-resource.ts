// k8s/duplicate-resource: two objects with the same group, kind, namespace and name in one environment; one silently wins.
import type { Resource } from "../../types.js";
import { describeKey } from "../../render/resource.js";
import type { Rule } from "../rule.js";

function identity(resource: Resource): string | null {
  const { apiVersion, kind, namespace, name } = resource.key;
  if (kind === null || name === null) return null;
  const group = apiVersion !== null && apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return [group, kind, namespace ?? "", name].join("\u0000");
}

export const duplicateResource: Rule = {
  meta: {
    id: "k8s/duplicate-resource",
    severity: "error",
    description: "The same object (group, kind, namespace, name) is defined twice in one environment.",
    docs: "Keep one definition. When an environment holds the same object twice, the one applied last silently replaces the other.",
  },
  run(context) {
    for (const { resources } of context.render.environments) {
      const first = new Map<string, Resource>();
      for (const resource of resources) {
        const key = identity(resource);
        if (key === null) continue;
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, resource);
          continue;
        }
        const firstFile = context.files.get(earlier.origin.file)?.path ?? earlier.origin.file;
        const where = firstFile === "" ? "" : ` (first defined in ${firstFile})`;
        context.report({ env: resource.env, resource, pointer: "", message: `${describeKey(resource.key)} is defined more than once${where}` });
      }
    }
  },
};
