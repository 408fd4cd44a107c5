// Argo Rollouts workload and Services: workloadRef resolves, the selector matches the pods, canary/stable and
// active/preview Services are distinct, exist and select the Rollout's pods.
import type { Resource } from "../../types.js";
import type { Problem } from "./canary-report.js";
import { labelSelectorMatches, labelsOf, record, selectsLabels, templateLabels, text, type Labels, type RenderIndex } from "./render-index.js";

/** The Rollout's pod labels: its own template's, or the referenced workload's; null when the workload is missing. */
export function rolloutPodLabels(rollout: Resource, index: RenderIndex, problem: Problem): Labels | null {
  const workloadRef = record(rollout.object["spec"])["workloadRef"];
  if (workloadRef === undefined) return templateLabels(rollout);
  const kind = text(record(workloadRef)["kind"]) ?? "Deployment";
  const name = text(record(workloadRef)["name"]);
  const workload = name === null ? undefined : index.named(kind, name, rollout.key.namespace)[0];
  if (workload === undefined) {
    problem("canary/missing-workload", rollout, "/spec/workloadRef/name", `workloadRef ${kind} "${name ?? ""}" is not in the ${index.env} render`);
    return null;
  }
  return templateLabels(workload);
}

export function checkSelector(rollout: Resource, labels: Labels, problem: Problem): void {
  const selector = record(rollout.object["spec"])["selector"];
  if (selector === undefined || Object.keys(labels).length === 0 || labelSelectorMatches(selector, labels)) return;
  problem("canary/selector-mismatch", rollout, "/spec/selector", "spec.selector does not match the pod template's labels, so the Rollout would not own its pods");
}

const servicePairs = [
  { strategy: "canary", first: "canaryService", second: "stableService" },
  { strategy: "blueGreen", first: "activeService", second: "previewService" },
] as const;

export function checkServices(rollout: Resource, labels: Labels | null, index: RenderIndex, problem: Problem): void {
  const strategy = record(record(rollout.object["spec"])["strategy"]);
  for (const pair of servicePairs) {
    const settings = record(strategy[pair.strategy]);
    const first = text(settings[pair.first]);
    const second = text(settings[pair.second]);
    const pointer = `/spec/strategy/${pair.strategy}`;
    if (first !== null && first === second) {
      problem("canary/same-service", rollout, `${pointer}/${pair.second}`, `${pair.first} and ${pair.second} are both "${first}"; they must be two Services`);
    }
    for (const field of [pair.first, pair.second]) {
      const name = text(settings[field]);
      if (name !== null) checkService(rollout, name, `${pointer}/${field}`, labels, index, problem);
    }
  }
}

function checkService(rollout: Resource, name: string, pointer: string, labels: Labels | null, index: RenderIndex, problem: Problem): void {
  const services = index.named("Service", name, rollout.key.namespace);
  const first = services[0];
  if (first === undefined) {
    problem("canary/missing-service", rollout, pointer, `Service "${name}" is not in the ${index.env} render`);
    return;
  }
  if (labels === null || Object.keys(labels).length === 0) return;
  const selectorOf = (service: Resource): Labels => labelsOf(record(service.object["spec"])["selector"]);
  if (services.some((service) => Object.keys(selectorOf(service)).length === 0 || selectsLabels(selectorOf(service), labels))) return;
  const [key = "", value] = Object.entries(selectorOf(first)).find(([label, wanted]) => labels[label] !== wanted) ?? [];
  const pods = `the pods of Rollout "${rollout.key.name ?? ""}" (${describeLabels(labels)})`;
  problem("canary/service-selector-mismatch", first, `/spec/selector/${escapePointer(key)}`, `Service "${name}" selects ${key}=${value ?? ""}, which ${pods} do not have`);
}

function describeLabels(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(", ");
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
