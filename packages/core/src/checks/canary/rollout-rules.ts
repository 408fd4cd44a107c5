// The Argo Rollouts canary/* rules: their ids, severities and docs; the shared canary pass finds the problems.
import type { Rule } from "../rule.js";
import { canaryRule } from "./canary-rule.js";

export const setWeightRange = canaryRule({
  id: "canary/set-weight-range",
  severity: "error",
  description: "A canary step's setWeight is not a whole number from 0 to 100.",
  docs: "setWeight is the percentage of traffic (or pods) sent to the canary: write a whole number from 0 to 100. Argo Rollouts rejects the Rollout otherwise.",
});

export const setWeightDecreasing = canaryRule({
  id: "canary/set-weight-decreasing",
  severity: "warning",
  description: "A canary step's setWeight is lower than an earlier step's, moving traffic back to the stable version.",
  docs: "Order the setWeight steps from the smallest to the largest weight. To go back to stable, abort the rollout instead of lowering the weight in the steps.",
});

export const stepActions = canaryRule({
  id: "canary/step-actions",
  severity: "error",
  description: "A canary step has no action or more than one (setWeight, pause, analysis, experiment, …).",
  docs: "Each item of strategy.canary.steps holds exactly one action. Split `- setWeight: 20\\n  pause: {}` into two steps: `- setWeight: 20` and `- pause: {}`.",
});

export const pauseDuration = canaryRule({
  id: "canary/pause-duration",
  severity: "error",
  description: "A pause step's duration is not a valid duration.",
  docs: "Write pause.duration as whole seconds (30) or a number with a unit (30s, 5m, 1h); `pause: {}` pauses until a human promotes the rollout.",
});

export const missingPause = canaryRule({
  id: "canary/missing-pause",
  severity: "error",
  description: "In a progressive environment, a canary reaches full weight without any pause or analysis before it.",
  docs: "Add a `pause` (timed or indefinite) or an `analysis` step before the canary reaches 100%, or a background analysis (strategy.canary.analysis), so a bad version is caught before it gets all traffic.",
});

export const firstWeightTooHigh = canaryRule({
  id: "canary/first-weight-too-high",
  severity: "warning",
  description: "In a progressive environment, the first canary step sends more traffic than canary.maxFirstWeight allows.",
  docs: "Start with a smaller setWeight (at most canary.maxFirstWeight in mergegate.yaml, 25 by default) so a bad version reaches few users, or raise the limit for this repo.",
});

export const needsTrafficRouting = canaryRule({
  id: "canary/needs-traffic-routing",
  severity: "error",
  description: "A setCanaryScale, setHeaderRoute or setMirrorRoute step in a Rollout without trafficRouting.",
  docs: "These steps only work with a traffic router: configure strategy.canary.trafficRouting (Istio, NGINX, ALB, SMI, Gateway API, …) or remove the step.",
});

export const surgeAndUnavailableZero = canaryRule({
  id: "canary/surge-and-unavailable-zero",
  severity: "error",
  description: "A canary Rollout sets both maxSurge and maxUnavailable to 0.",
  docs: "With no extra pod allowed and no pod allowed to go away, the Rollout cannot make progress; Argo Rollouts rejects it. Set one of them above 0 (for example maxSurge: 25%).",
});

export const missingAnalysisTemplate = canaryRule({
  id: "canary/missing-analysis-template",
  severity: "error",
  description: "An analysis reference names an AnalysisTemplate or ClusterAnalysisTemplate that is not in the environment's render.",
  docs: "Add the template to the environment (same namespace as the Rollout; clusterScope: true for a ClusterAnalysisTemplate) or fix templateName. Without it the rollout stops with an error at that step.",
});

export const missingAnalysisArg = canaryRule({
  id: "canary/missing-analysis-arg",
  severity: "error",
  description: "An analysis does not pass an arg that its template requires (an arg with no value or valueFrom).",
  docs: "Pass the arg under the analysis's args (value or valueFrom), or give it a default value in the template.",
});

export const sameService = canaryRule({
  id: "canary/same-service",
  severity: "error",
  description: "canaryService equals stableService, or activeService equals previewService.",
  docs: "Argo Rollouts points each Service at a different ReplicaSet; use two Services with the same ports and selector.",
});

export const missingService = canaryRule({
  id: "canary/missing-service",
  severity: "error",
  description: "A Service the Rollout names (canary, stable, active, preview) is not in the environment's render.",
  docs: "Add the Service to the environment, in the Rollout's namespace, or fix the name. The rollout fails when the Service is missing.",
});

export const serviceSelectorMismatch = canaryRule({
  id: "canary/service-selector-mismatch",
  severity: "error",
  description: "A Service the Rollout uses does not select the Rollout's pods.",
  docs: "Make the Service's selector a subset of the Rollout's pod labels (its template's, or its workloadRef workload's). Argo Rollouts adds the pod-template hash to the selector; it cannot make a wrong selector match.",
});

export const missingTrafficTarget = canaryRule({
  id: "canary/missing-traffic-target",
  severity: "error",
  description: "A trafficRouting target (VirtualService and its routes, Ingress, SMI root Service, HTTPRoute) is not in the render.",
  docs: "Add the object to the environment or fix the name under strategy.canary.trafficRouting; for Istio, the named routes must be HTTP routes of the VirtualService.",
});

export const trafficTargetService = canaryRule({
  id: "canary/traffic-target-service",
  severity: "error",
  description: "A trafficRouting target does not route to the Rollout's Services.",
  docs: "The Ingress must send traffic to the stable Service (ALB: rootService if set); the VirtualService route and the HTTPRoute must name both the stable and the canary Service, or the router cannot shift weight.",
});

export const missingWorkload = canaryRule({
  id: "canary/missing-workload",
  severity: "error",
  description: "A Rollout's workloadRef names a workload that is not in the environment's render.",
  docs: "Add the Deployment (or the named kind) to the environment, in the Rollout's namespace, or fix workloadRef.",
});

export const selectorMismatch = canaryRule({
  id: "canary/selector-mismatch",
  severity: "error",
  description: "A Rollout's spec.selector does not match its pod template's labels.",
  docs: "Make spec.selector match the labels of the pod template (or of the workloadRef workload's template).",
});

export const rolloutRules: readonly Rule[] = [
  setWeightRange,
  setWeightDecreasing,
  stepActions,
  pauseDuration,
  missingPause,
  firstWeightTooHigh,
  needsTrafficRouting,
  surgeAndUnavailableZero,
  missingAnalysisTemplate,
  missingAnalysisArg,
  sameService,
  missingService,
  serviceSelectorMismatch,
  missingTrafficTarget,
  trafficTargetService,
  missingWorkload,
  selectorMismatch,
];
