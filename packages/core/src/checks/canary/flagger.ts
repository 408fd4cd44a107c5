// Flagger Canaries: target and autoscaler resolve, the analysis is sound, metrics and webhooks are usable, the Service has a port.
import type { Resource } from "../../types.js";
import type { Problem } from "./canary-report.js";
import { list, record, text, type RenderIndex } from "./render-index.js";

const builtinMetrics = new Set(["request-success-rate", "request-duration"]);
const minimumIntervalSeconds = 10;

export function checkFlaggerCanary(canary: Resource, index: RenderIndex, problem: Problem): void {
  const spec = record(canary.object["spec"]);
  checkReference(canary, spec, "targetRef", index, problem);
  checkReference(canary, spec, "autoscalerRef", index, problem);
  if (typeof record(spec["service"])["port"] !== "number") {
    problem("canary/flagger-service-port", canary, "/spec/service/port", "service.port is not set; Flagger needs the port to create the primary and canary Services");
  }
  const analysisField = spec["analysis"] !== undefined ? "analysis" : "canaryAnalysis";
  const analysis = spec[analysisField];
  const pointer = `/spec/${analysisField}`;
  if (analysis === undefined) {
    problem("canary/flagger-analysis", canary, pointer, "the Canary has no analysis");
    return;
  }
  checkAnalysis(canary, record(analysis), pointer, problem);
  checkMetrics(canary, record(analysis), pointer, index, problem);
  checkWebhooks(canary, record(analysis), pointer, problem);
}

function checkReference(canary: Resource, spec: Record<string, unknown>, field: "targetRef" | "autoscalerRef", index: RenderIndex, problem: Problem): void {
  const reference = spec[field];
  if (reference === undefined) return;
  const kind = text(record(reference)["kind"]) ?? (field === "targetRef" ? "Deployment" : "HorizontalPodAutoscaler");
  const name = text(record(reference)["name"]) ?? "";
  if (index.named(kind, name, canary.key.namespace).length > 0) return;
  problem("canary/flagger-missing-target", canary, `/spec/${field}/name`, `${field} ${kind} "${name}" is not in the ${index.env} render`);
}

/** Seconds of a Go duration ("30s", "1m", "1h30m"), or null when it is not one. */
function seconds(value: unknown): number | null {
  if (typeof value !== "string" || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value)) return null;
  const factors: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, amount = "0", unit = "s"] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * (factors[unit] ?? 1);
  return total;
}

function checkAnalysis(canary: Resource, analysis: Record<string, unknown>, pointer: string, problem: Problem): void {
  const report = (field: string | null, message: string): void => problem("canary/flagger-analysis", canary, field === null ? pointer : `${pointer}/${field}`, message);
  const interval = seconds(analysis["interval"]);
  if (interval === null) report("interval", "analysis.interval must be a duration such as 1m or 30s");
  else if (interval < minimumIntervalSeconds) report("interval", `analysis.interval ${String(analysis["interval"])} is shorter than ${minimumIntervalSeconds}s`);
  const threshold = analysis["threshold"];
  if (typeof threshold !== "number" || threshold <= 0) report("threshold", "analysis.threshold (failed checks before rollback) must be a number above 0");
  const maxWeight = analysis["maxWeight"];
  if (typeof maxWeight === "number" && maxWeight > 100) report("maxWeight", `analysis.maxWeight ${maxWeight} is above 100`);
  const stepWeight = analysis["stepWeight"];
  const stepWeights = list(analysis["stepWeights"]);
  const iterations = analysis["iterations"];
  const weighted = stepWeight !== undefined || stepWeights.length > 0;
  if (typeof stepWeight === "number" && typeof maxWeight === "number" && stepWeight > maxWeight) report("stepWeight", `analysis.stepWeight ${stepWeight} is above maxWeight ${maxWeight}`);
  const ascending = stepWeights.every((weight, position) => typeof weight === "number" && (position === 0 || weight > Number(stepWeights[position - 1])));
  if (!ascending) {
    report("stepWeights", "analysis.stepWeights must be numbers in ascending order");
  }
  if (weighted && iterations !== undefined) report("iterations", "analysis sets both stepWeight(s) (canary) and iterations (A/B, blue/green); choose one");
  else if (!weighted && iterations === undefined) report(null, "analysis sets neither stepWeight(s) for a canary nor iterations for A/B testing or blue/green");
  if (analysis["match"] !== undefined && iterations === undefined) report("match", "analysis.match (A/B testing) needs iterations");
}

function checkMetrics(canary: Resource, analysis: Record<string, unknown>, pointer: string, index: RenderIndex, problem: Problem): void {
  list(analysis["metrics"]).forEach((entry, position) => {
    const metric = record(entry);
    const metricPointer = `${pointer}/metrics/${position}`;
    const name = text(metric["name"]) ?? `#${position + 1}`;
    const range = record(metric["thresholdRange"]);
    if (range["min"] === undefined && range["max"] === undefined && metric["threshold"] === undefined) {
      problem("canary/flagger-metric", canary, metricPointer, `metric "${name}" has no thresholdRange (min or max)`);
    }
    const templateRef = metric["templateRef"];
    if (templateRef === undefined) {
      if (metric["query"] === undefined && !builtinMetrics.has(name)) {
        problem("canary/flagger-metric", canary, metricPointer, `metric "${name}" is not builtin (request-success-rate, request-duration) and has no query or templateRef`);
      }
      return;
    }
    const templateName = text(record(templateRef)["name"]) ?? "";
    const namespace = text(record(templateRef)["namespace"]) ?? canary.key.namespace;
    if (index.named("MetricTemplate", templateName, namespace).length === 0) {
      problem("canary/flagger-missing-metric-template", canary, `${metricPointer}/templateRef/name`, `MetricTemplate "${templateName}" is not in the ${index.env} render`);
    }
  });
}

function checkWebhooks(canary: Resource, analysis: Record<string, unknown>, pointer: string, problem: Problem): void {
  list(analysis["webhooks"]).forEach((entry, position) => {
    const url = record(entry)["url"];
    if (typeof url === "string" && isHttpUrl(url)) return;
    const name = text(record(entry)["name"]) ?? `#${position + 1}`;
    problem("canary/flagger-webhook-url", canary, `${pointer}/webhooks/${position}/url`, `webhook "${name}" has no valid http(s) URL (${JSON.stringify(url ?? null)})`);
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
