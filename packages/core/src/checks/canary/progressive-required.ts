// canary/progressive-required: in a progressive environment every Deployment and StatefulSet rolls out through a
// canary — it is a Rollout's workloadRef or a Flagger Canary's target.
import type { Resource, ResourceKey } from "../../types.js";
import type { Rule } from "../rule.js";
import { record, sameNamespace, text } from "./render-index.js";

const workloadKinds = new Set(["Deployment", "StatefulSet"]);

interface Reference {
  kind: string;
  name: string;
  namespace: string | null;
}

export const progressiveRequired: Rule = {
  meta: {
    id: "canary/progressive-required",
    severity: "error",
    description: "A Deployment or StatefulSet in a progressive environment does not roll out through a canary.",
    docs: "In environments with progressive: true (default for prod/production) workloads roll out through Argo Rollouts or Flagger: point a Rollout's workloadRef or a Flagger Canary's targetRef at the workload, or make it a Rollout. canary.requireProgressive in mergegate.yaml: changed (default; workloads added or changed against --base — without --base every workload is listed as info), always (every workload is an error), never.",
  },
  run(context) {
    const mode = context.config.canary?.requireProgressive ?? "changed";
    if (mode === "never") return;
    for (const envRender of context.render.environments.filter((candidate) => candidate.env.progressive)) {
      const canaries = canaryTargets(envRender.resources);
      const changed = changedKeys(context.diff?.environments.find((envDiff) => envDiff.env === envRender.env.name));
      for (const resource of envRender.resources) {
        const { kind, name, namespace } = resource.key;
        if (kind === null || name === null || !workloadKinds.has(kind)) continue;
        if (canaries.some((target) => target.kind === kind && target.name === name && sameNamespace(target.namespace, namespace))) continue;
        const unknownChange = mode === "changed" && context.diff === null;
        if (mode === "changed" && !unknownChange && !changed.has(identity(resource.key))) continue;
        const why = unknownChange ? " (listed as info without --base: only workloads changed against the base are errors)" : "";
        context.report({
          env: resource.env,
          resource,
          pointer: "/kind",
          ...(unknownChange ? { severity: "info" as const } : {}),
          message: `${kind} "${name}" in progressive environment ${envRender.env.name} does not roll out through a canary (Argo Rollout or Flagger Canary)${why}`,
        });
      }
    }
  },
};

/** The workloads that Rollouts (workloadRef) and Flagger Canaries (targetRef) roll out. */
function canaryTargets(resources: Resource[]): Reference[] {
  const targets: Reference[] = [];
  for (const { object, key } of resources) {
    const spec = record(object["spec"]);
    const reference = key.kind === "Rollout" ? record(spec["workloadRef"]) : key.kind === "Canary" ? record(spec["targetRef"]) : {};
    const name = text(reference["name"]);
    if (name !== null) targets.push({ kind: text(reference["kind"]) ?? "Deployment", name, namespace: key.namespace });
  }
  return targets;
}

function identity(key: ResourceKey): string {
  return [key.kind ?? "", key.namespace ?? "", key.name ?? ""].join("\u0000");
}

function changedKeys(envDiff: { added: ResourceKey[]; changed: { ref: ResourceKey }[] } | undefined): Set<string> {
  if (envDiff === undefined) return new Set();
  return new Set([...envDiff.added.map(identity), ...envDiff.changed.map((change) => identity(change.ref))]);
}
