// Argo Rollouts analysis references (steps, background, experiments, blue-green promotions): the templates exist and get their required args.
import type { Resource } from "../../types.js";
import type { Problem } from "./canary-report.js";
import { list, record, text, type RenderIndex } from "./render-index.js";

/** One place that runs analysis: its pointer, the template references and the args it passes. */
interface AnalysisUse {
  pointer: string;
  templates: { pointer: string; reference: Record<string, unknown> }[];
  args: unknown[];
}

export function checkAnalysisReferences(rollout: Resource, index: RenderIndex, problem: Problem): void {
  for (const use of analysisUses(rollout)) {
    const supplied = new Set(use.args.map((arg) => text(record(arg)["name"])));
    for (const { pointer, reference } of use.templates) {
      const name = text(reference["templateName"]);
      if (name === null) continue;
      const kind = reference["clusterScope"] === true ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
      const template = index.named(kind, name, kind === "AnalysisTemplate" ? rollout.key.namespace : null)[0];
      if (template === undefined) {
        problem("canary/missing-analysis-template", rollout, `${pointer}/templateName`, `${kind} "${name}" is not in the ${index.env} render`);
        continue;
      }
      for (const arg of requiredArgs(template).filter((required) => !supplied.has(required))) {
        problem("canary/missing-analysis-arg", rollout, `${pointer}/templateName`, `${kind} "${name}" requires arg "${arg}", which this analysis does not pass`);
      }
    }
  }
}

/** Args without a value or valueFrom must be passed by the Rollout. */
function requiredArgs(template: Resource): string[] {
  return list(record(template.object["spec"])["args"])
    .map(record)
    .filter((arg) => arg["value"] === undefined && arg["valueFrom"] === undefined)
    .map((arg) => text(arg["name"]))
    .filter((name): name is string => name !== null);
}

function analysisUses(rollout: Resource): AnalysisUse[] {
  const strategy = record(record(rollout.object["spec"])["strategy"]);
  const uses: AnalysisUse[] = [];
  const add = (pointer: string, analysis: unknown): void => {
    if (analysis === undefined) return;
    const templates = list(record(analysis)["templates"]).map((reference, index) => ({ pointer: `${pointer}/templates/${index}`, reference: record(reference) }));
    uses.push({ pointer, templates, args: list(record(analysis)["args"]) });
  };
  const canary = record(strategy["canary"]);
  add("/spec/strategy/canary/analysis", canary["analysis"]);
  list(canary["steps"]).forEach((step, stepIndex) => {
    const pointer = `/spec/strategy/canary/steps/${stepIndex}`;
    add(`${pointer}/analysis`, record(step)["analysis"]);
    list(record(record(step)["experiment"])["analyses"]).forEach((analysis, index) => {
      const analysisPointer = `${pointer}/experiment/analyses/${index}`;
      uses.push({ pointer: analysisPointer, templates: [{ pointer: analysisPointer, reference: record(analysis) }], args: list(record(analysis)["args"]) });
    });
  });
  const blueGreen = record(strategy["blueGreen"]);
  add("/spec/strategy/blueGreen/prePromotionAnalysis", blueGreen["prePromotionAnalysis"]);
  add("/spec/strategy/blueGreen/postPromotionAnalysis", blueGreen["postPromotionAnalysis"]);
  return uses;
}
