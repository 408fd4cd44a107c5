// What the canary passes produce: reports tagged with the canary/* rule they belong to.
import type { Resource } from "../../types.js";
import type { Report } from "../rule.js";

export type CanaryRuleId =
  | "canary/set-weight-range"
  | "canary/set-weight-decreasing"
  | "canary/step-actions"
  | "canary/pause-duration"
  | "canary/missing-pause"
  | "canary/first-weight-too-high"
  | "canary/needs-traffic-routing"
  | "canary/surge-and-unavailable-zero"
  | "canary/missing-analysis-template"
  | "canary/missing-analysis-arg"
  | "canary/same-service"
  | "canary/missing-service"
  | "canary/service-selector-mismatch"
  | "canary/missing-traffic-target"
  | "canary/traffic-target-service"
  | "canary/missing-workload"
  | "canary/selector-mismatch"
  | "canary/flagger-missing-target"
  | "canary/flagger-analysis"
  | "canary/flagger-metric"
  | "canary/flagger-missing-metric-template"
  | "canary/flagger-service-port"
  | "canary/flagger-webhook-url";

export interface CanaryReport {
  rule: CanaryRuleId;
  report: Report;
}

/** Reports one problem about a resource's field. */
export type Problem = (rule: CanaryRuleId, resource: Resource, pointer: string, message: string) => void;

export function collector(reports: CanaryReport[]): Problem {
  return (rule, resource, pointer, message) => reports.push({ rule, report: { env: resource.env, resource, pointer, message } });
}
