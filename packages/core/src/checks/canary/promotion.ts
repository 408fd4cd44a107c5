// The promotion pass, shared by the canary/promotion-* rules: images reach an environment only after the one
// before it in `promotion` runs them.
import type { EnvironmentRender, Render, Resource } from "../../types.js";
import type { CheckContext, Report } from "../rule.js";
import { compareImages, compareVersions, containerImages, type ContainerImage } from "./images.js";

export type PromotionRuleId = "canary/promotion-order" | "canary/promotion-unverifiable" | "canary/promotion-simultaneous" | "canary/promotion-unpromoted";

export interface PromotionReport {
  rule: PromotionRuleId;
  report: Report;
}

const passes = new WeakMap<Render, PromotionReport[]>();

export function promotionReports(context: CheckContext): PromotionReport[] {
  let reports = passes.get(context.render);
  if (reports === undefined) {
    reports = checkPromotion(context);
    passes.set(context.render, reports);
  }
  return reports;
}

function checkPromotion(context: CheckContext): PromotionReport[] {
  const chain = (context.config.promotion ?? []).map((name) => ({ name, head: envOf(context.render, name), base: envOf(context.baseRender, name) }));
  const reports: PromotionReport[] = [];
  if (context.diff === null || context.baseRender === null) {
    for (const { target, lower } of unpromotedTargets(chain)) checkUnpromoted(target, lower, reports);
    return reports;
  }
  for (let position = 1; position < chain.length; position++) {
    const previous = chain[position - 1];
    const current = chain[position];
    if (previous?.head === undefined || current?.head === undefined) continue;
    checkStep({ name: previous.name, head: previous.head, base: previous.base }, { name: current.name, head: current.head, base: current.base }, reports);
  }
  return reports;
}

/**
 * The production environments of the chain (the one production predicate), each against the non-production
 * environments before it; a chain without a production environment checks its last one against the rest.
 */
function unpromotedTargets(chain: readonly { head: EnvironmentRender | undefined }[]): { target: EnvironmentRender; lower: EnvironmentRender[] }[] {
  const rendered = chain.flatMap((step) => (step.head === undefined ? [] : [step.head]));
  const production = rendered.filter((envRender) => envRender.env.production);
  if (production.length === 0) {
    const last = chain[chain.length - 1]?.head;
    return last === undefined ? [] : [{ target: last, lower: rendered.filter((envRender) => envRender !== last) }];
  }
  return production.map((target) => ({ target, lower: rendered.slice(0, rendered.indexOf(target)).filter((envRender) => !envRender.env.production) }));
}

function envOf(render: Render | null, name: string): EnvironmentRender | undefined {
  return render?.environments.find((envRender) => envRender.env.name === name);
}

interface Step {
  name: string;
  head: EnvironmentRender;
  base: EnvironmentRender | undefined;
}

function imagesOf(envRender: EnvironmentRender | undefined): ContainerImage[] {
  return (envRender?.resources ?? []).flatMap(containerImages);
}

/** Same workload and container across environments: kind, name and container name (namespaces differ per environment). */
function slotOf(image: ContainerImage): string {
  return [image.resource.key.kind ?? "", image.resource.key.name ?? "", image.container].join("\u0000");
}

/** Images this change sets: those whose slot ran another image (or did not exist) in the base. */
function changedImages(step: Step): ContainerImage[] {
  const before = new Map(imagesOf(step.base).map((image) => [slotOf(image), image.image.text]));
  return imagesOf(step.head).filter((image) => before.get(slotOf(image)) !== image.image.text);
}

function report(reports: PromotionReport[], rule: PromotionRuleId, image: ContainerImage, message: string): void {
  const resource: Resource = image.resource;
  reports.push({ rule, report: { env: resource.env, resource, pointer: image.pointer, message } });
}

function checkStep(previous: Step, current: Step, reports: PromotionReport[]): void {
  const previousRuns = [...imagesOf(previous.base), ...imagesOf(previous.head)];
  const previousChanged = new Set(changedImages(previous).map(slotOf));
  for (const image of changedImages(current)) {
    const comparisons = previousRuns.map((candidate) => compareImages(image.image, candidate.image));
    const where = `${image.resource.key.kind ?? ""} "${image.resource.key.name ?? ""}" container "${image.container}"`;
    if (comparisons.includes("unverifiable") && !comparisons.includes("same")) {
      report(reports, "canary/promotion-unverifiable", image, `${where} is set to ${image.image.text} in ${current.name}; ${previous.name} names the image by tag where this names it by digest (or the reverse), so the promotion cannot be verified`);
    } else if (!comparisons.includes("same")) {
      report(reports, "canary/promotion-order", image, `${where} is set to ${image.image.text} in ${current.name}, which ${previous.name} runs neither in the base nor in this change; promote it to ${previous.name} first`);
    }
    if (previousChanged.has(slotOf(image))) {
      report(reports, "canary/promotion-simultaneous", image, `${where} changes image in ${previous.name} and ${current.name} in the same change; let ${previous.name} run it before promoting`);
    }
  }
}

/** Without a base: images of the last environment that no lower one runs, nor has moved past. */
function checkUnpromoted(last: EnvironmentRender, lower: EnvironmentRender[], reports: PromotionReport[]): void {
  const lowerImages = lower.flatMap(imagesOf);
  for (const image of imagesOf(last)) {
    const sameRepository = lowerImages.filter((candidate) => candidate.image.repository === image.image.repository);
    if (sameRepository.length === 0) continue;
    const comparisons = sameRepository.map((candidate) => compareImages(image.image, candidate.image));
    if (comparisons.some((comparison) => comparison !== "different")) continue;
    const tag = image.image.tag;
    const newerBelow = sameRepository.some((candidate) => tag !== null && candidate.image.tag !== null && (compareVersions(candidate.image.tag, tag) ?? 0) > 0);
    if (newerBelow) continue;
    const names = lower.map((envRender) => envRender.env.name).join(", ");
    report(reports, "canary/promotion-unpromoted", image, `${last.env.name} runs ${image.image.text}, which no lower environment (${names}) runs or has moved past`);
  }
}
