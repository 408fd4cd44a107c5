// Argo Rollouts canary steps and surge settings: weights, one action per step, pauses, and gates before full weight.
import type { Resource } from "../../types.js";
import type { Problem } from "./canary-report.js";
import { durationProblem } from "./durations.js";
import { list, record } from "./render-index.js";

export interface StepSettings {
  /** The environment rolls out progressively (progressive: true, default for prod/production). */
  progressive: boolean;
  maxFirstWeight: number;
}

const canaryPointer = "/spec/strategy/canary";
const routedActions = ["setCanaryScale", "setHeaderRoute", "setMirrorRoute"];
const gateActions = ["pause", "analysis", "experiment"];

export function checkCanarySteps(rollout: Resource, settings: StepSettings, problem: Problem): void {
  const canary = record(record(rollout.object["spec"])["strategy"])["canary"];
  if (canary === undefined) return;
  const steps = list(record(canary)["steps"]).map(record);
  checkActions(rollout, steps, problem);
  checkWeights(rollout, steps, problem);
  checkPauses(rollout, steps, problem);
  checkRoutedActions(rollout, record(canary), steps, problem);
  checkSurge(rollout, record(canary), problem);
  if (settings.progressive) {
    checkGateBeforeFullWeight(rollout, record(canary), steps, problem);
    checkFirstWeight(rollout, steps, settings.maxFirstWeight, problem);
  }
}

function stepPointer(index: number, field?: string): string {
  return `${canaryPointer}/steps/${index}${field === undefined ? "" : `/${field}`}`;
}

function checkActions(rollout: Resource, steps: Record<string, unknown>[], problem: Problem): void {
  steps.forEach((step, index) => {
    const actions = Object.keys(step);
    if (actions.length === 1) return;
    const message = actions.length === 0 ? `step ${index + 1} has no action` : `step ${index + 1} has ${actions.length} actions (${actions.join(", ")}); a step takes exactly one`;
    problem("canary/step-actions", rollout, stepPointer(index), message);
  });
}

function checkWeights(rollout: Resource, steps: Record<string, unknown>[], problem: Problem): void {
  let previous: number | null = null;
  steps.forEach((step, index) => {
    if (!("setWeight" in step)) return;
    const weight = step["setWeight"];
    if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      problem("canary/set-weight-range", rollout, stepPointer(index, "setWeight"), `setWeight ${JSON.stringify(weight)} must be a whole number from 0 to 100`);
      return;
    }
    if (previous !== null && weight < previous) {
      problem("canary/set-weight-decreasing", rollout, stepPointer(index, "setWeight"), `setWeight ${weight} is lower than the previous step's ${previous}: traffic moves back to the stable version`);
    }
    previous = weight;
  });
}

function checkPauses(rollout: Resource, steps: Record<string, unknown>[], problem: Problem): void {
  steps.forEach((step, index) => {
    if (!("pause" in step)) return;
    const pause = step["pause"];
    if (pause === null || (typeof pause === "object" && !Array.isArray(pause) && !("duration" in pause))) return;
    const duration = record(pause)["duration"];
    const problemText = typeof pause === "object" && !Array.isArray(pause) ? durationProblem(duration) : "must be a mapping: pause: {} or pause: {duration: 5m}";
    if (problemText === null) return;
    const pointer = typeof pause === "object" ? stepPointer(index, "pause/duration") : stepPointer(index, "pause");
    problem("canary/pause-duration", rollout, pointer, `pause duration ${problemText}`);
  });
}

function checkRoutedActions(rollout: Resource, canary: Record<string, unknown>, steps: Record<string, unknown>[], problem: Problem): void {
  if (canary["trafficRouting"] !== undefined) return;
  steps.forEach((step, index) => {
    for (const action of routedActions.filter((name) => name in step)) {
      problem("canary/needs-traffic-routing", rollout, stepPointer(index, action), `${action} needs strategy.canary.trafficRouting, which this Rollout does not set`);
    }
  });
}

function isZero(value: unknown): boolean {
  return value === 0 || value === "0" || value === "0%";
}

function checkSurge(rollout: Resource, canary: Record<string, unknown>, problem: Problem): void {
  if (!isZero(canary["maxSurge"]) || !isZero(canary["maxUnavailable"])) return;
  problem("canary/surge-and-unavailable-zero", rollout, `${canaryPointer}/maxUnavailable`, "maxSurge and maxUnavailable are both 0, so the Rollout can never replace a pod");
}

function checkGateBeforeFullWeight(rollout: Resource, canary: Record<string, unknown>, steps: Record<string, unknown>[], problem: Problem): void {
  if (canary["analysis"] !== undefined) return;
  for (const [index, step] of steps.entries()) {
    if (gateActions.some((action) => action in step)) return;
    if (typeof step["setWeight"] === "number" && step["setWeight"] >= 100) {
      problem("canary/missing-pause", rollout, stepPointer(index, "setWeight"), "the canary reaches 100% without a pause or analysis before it");
      return;
    }
  }
  const pointer = steps.length > 0 ? `${canaryPointer}/steps` : canaryPointer;
  problem("canary/missing-pause", rollout, pointer, "the canary is promoted to 100% without a pause or analysis step in this progressive environment");
}

function checkFirstWeight(rollout: Resource, steps: Record<string, unknown>[], maxFirstWeight: number, problem: Problem): void {
  const index = steps.findIndex((step) => typeof step["setWeight"] === "number");
  const weight = steps[index]?.["setWeight"];
  if (typeof weight !== "number" || weight <= maxFirstWeight) return;
  problem("canary/first-weight-too-high", rollout, stepPointer(index, "setWeight"), `the first canary step sends ${weight}% of traffic; canary.maxFirstWeight allows ${maxFirstWeight}%`);
}
