// The canary pass over a render, run once and shared by the Argo Rollouts and Flagger rules: each Rollout and
// Canary checked against the objects of its environment.
import type { Render } from "../../types.js";
import type { CheckContext } from "../rule.js";
import { collector, type CanaryReport } from "./canary-report.js";
import { checkFlaggerCanary } from "./flagger.js";
import { RenderIndex } from "./render-index.js";
import { checkAnalysisReferences } from "./rollout-analysis.js";
import { checkSelector, checkServices, rolloutPodLabels } from "./rollout-services.js";
import { checkCanarySteps } from "./rollout-steps.js";
import { checkTrafficRouting } from "./rollout-traffic.js";

const defaultMaxFirstWeight = 25;

const passes = new WeakMap<Render, CanaryReport[]>();

/** The canary reports of this render, computed on the first call. */
export function canaryReports(context: CheckContext): CanaryReport[] {
  let reports = passes.get(context.render);
  if (reports === undefined) {
    reports = checkRender(context);
    passes.set(context.render, reports);
  }
  return reports;
}

function checkRender(context: CheckContext): CanaryReport[] {
  const reports: CanaryReport[] = [];
  const problem = collector(reports);
  const maxFirstWeight = context.config.canary?.maxFirstWeight ?? defaultMaxFirstWeight;
  for (const envRender of context.render.environments) {
    const index = new RenderIndex(envRender);
    for (const rollout of index.ofKind("Rollout").filter((resource) => resource.key.apiVersion?.startsWith("argoproj.io/") === true)) {
      checkCanarySteps(rollout, { progressive: envRender.env.progressive, maxFirstWeight }, problem);
      checkAnalysisReferences(rollout, index, problem);
      const labels = rolloutPodLabels(rollout, index, problem);
      if (labels !== null) checkSelector(rollout, labels, problem);
      checkServices(rollout, labels, index, problem);
      checkTrafficRouting(rollout, index, problem);
    }
    for (const canary of index.ofKind("Canary").filter((resource) => resource.key.apiVersion?.startsWith("flagger.app/") === true)) {
      checkFlaggerCanary(canary, index, problem);
    }
  }
  return reports;
}
