// k8s/missing-identity: a manifest without apiVersion, kind or metadata.name, which no tool can apply.
import { isObject } from "../../render/resource.js";
import type { Rule } from "../rule.js";

export const missingIdentity: Rule = {
  meta: {
    id: "k8s/missing-identity",
    severity: "error",
    description: "A manifest lacks apiVersion, kind or metadata.name.",
    docs: "Every Kubernetes object needs apiVersion, kind and metadata.name (or metadata.generateName). Add the missing field.",
  },
  run(context) {
    for (const { resources } of context.render.environments) {
      for (const resource of resources) {
        const metadata = isObject(resource.object["metadata"]) ? resource.object["metadata"] : null;
        const missing: { field: string; pointer: string }[] = [];
        if (resource.key.apiVersion === null) missing.push({ field: "apiVersion", pointer: "/apiVersion" });
        if (resource.key.kind === null) missing.push({ field: "kind", pointer: "/kind" });
        if (resource.key.name === null && typeof metadata?.["generateName"] !== "string") {
          missing.push({ field: "metadata.name", pointer: "/metadata/name" });
        }
        if (missing.length === 0) continue;
        context.report({
          env: resource.env,
          resource,
          pointer: missing[0]?.pointer ?? "",
          subject: missing.map((entry) => entry.field).join(","),
          message: `manifest has no ${missing.map((entry) => entry.field).join(", ")}`,
        });
      }
    }
  },
};
