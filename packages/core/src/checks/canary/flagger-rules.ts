// The Flagger canary/flagger-* rules: their ids, severities and docs; the shared canary pass finds the problems.
import type { Rule } from "../rule.js";
import { canaryRule } from "./canary-rule.js";

export const flaggerMissingTarget = canaryRule({
  id: "canary/flagger-missing-target",
  severity: "error",
  description: "A Flagger Canary's targetRef or autoscalerRef names an object that is not in the environment's render.",
  docs: "Add the workload (Deployment, DaemonSet) or autoscaler (HorizontalPodAutoscaler, ScaledObject) to the Canary's namespace, or fix the name; Flagger cannot start the canary without it.",
});

export const flaggerAnalysis = canaryRule({
  id: "canary/flagger-analysis",
  severity: "error",
  description: "A Flagger Canary's analysis is unsound: interval under 10 s, threshold not above 0, weights above 100 or out of order, or a mix of canary and A/B settings.",
  docs: "Set analysis.interval (≥ 10s) and threshold (> 0). For a canary set stepWeight ≤ maxWeight ≤ 100, or ascending stepWeights; for A/B testing or blue/green set iterations instead (match needs iterations). Do not set both stepWeight and iterations.",
});

export const flaggerMetric = canaryRule({
  id: "canary/flagger-metric",
  severity: "error",
  description: "A Flagger analysis metric has no thresholdRange, or no query or templateRef while not being builtin.",
  docs: "Give every metric a thresholdRange (min and/or max). Metrics other than the builtin request-success-rate and request-duration need a templateRef to a MetricTemplate (or an inline query).",
});

export const flaggerMissingMetricTemplate = canaryRule({
  id: "canary/flagger-missing-metric-template",
  severity: "error",
  description: "A Flagger metric's templateRef names a MetricTemplate that is not in the environment's render.",
  docs: "Add the MetricTemplate (in templateRef.namespace, else the Canary's namespace) or fix templateRef.name.",
});

export const flaggerServicePort = canaryRule({
  id: "canary/flagger-service-port",
  severity: "error",
  description: "A Flagger Canary does not set service.port.",
  docs: "Set spec.service.port (and targetPort when the container listens elsewhere); Flagger creates the primary and canary Services from it.",
});

export const flaggerWebhookUrl = canaryRule({
  id: "canary/flagger-webhook-url",
  severity: "error",
  description: "A Flagger webhook has no valid http(s) URL.",
  docs: "Set webhooks[].url to an absolute http or https URL, for example http://flagger-loadtester.test/.",
});

export const flaggerRules: readonly Rule[] = [flaggerMissingTarget, flaggerAnalysis, flaggerMetric, flaggerMissingMetricTemplate, flaggerServicePort, flaggerWebhookUrl];
