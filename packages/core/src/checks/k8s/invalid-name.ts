// k8s/invalid-name: metadata.name or metadata.namespace that the API server would reject.
import type { Rule } from "../rule.js";
import { nameFormatOf, nameProblem } from "./names.js";

export const invalidName: Rule = {
  meta: {
    id: "k8s/invalid-name",
    severity: "error",
    description: "A name or namespace breaks Kubernetes' naming rules for its kind.",
    docs: "Most objects need a DNS-1123 subdomain (lower case, digits, '-', '.'); Namespaces a DNS-1123 label (≤ 63); Services a DNS-1035 label (starting with a letter). The API server rejects the object otherwise.",
  },
  run(context) {
    for (const { resources } of context.render.environments) {
      for (const resource of resources) {
        const { apiVersion, kind, name, namespace } = resource.key;
        if (name !== null) {
          const problem = nameProblem(name, nameFormatOf(apiVersion, kind));
          if (problem !== null) {
            context.report({ env: resource.env, resource, pointer: "/metadata/name", message: `${kind ?? "object"} name "${name}" ${problem}` });
          }
        }
        if (namespace !== null) {
          const problem = nameProblem(namespace, "dns1123-label");
          if (problem !== null) {
            context.report({ env: resource.env, resource, pointer: "/metadata/namespace", message: `namespace "${namespace}" ${problem}` });
          }
        }
      }
    }
  },
};
