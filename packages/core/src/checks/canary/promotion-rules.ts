// The canary/promotion-* rules: each is a view of the one shared promotion pass (promotion.ts), filtered by its id.
import type { Rule, RuleMeta } from "../rule.js";
import { promotionReports, type PromotionRuleId } from "./promotion.js";

function promotionRule(meta: RuleMeta & { id: PromotionRuleId }): Rule {
  return {
    meta,
    crossEnvironment: true,
    run(context) {
      for (const { rule, report } of promotionReports(context)) if (rule === meta.id) context.report(report);
    },
  };
}

export const promotionOrder = promotionRule({
  id: "canary/promotion-order",
  severity: "error",
  description: "A change sets an image in an environment that the previous environment of `promotion` does not run.",
  docs: "Versions move through the environments in the order of `promotion` in mergegate.yaml (e.g. dev → staging → prod): set the image in the previous environment first, let it run there, then promote it. Checked with --base: the previous environment's base render and this change both count. Images compare by repository, then digest when both sides have one, else tag.",
});

export const promotionUnverifiable = promotionRule({
  id: "canary/promotion-unverifiable",
  severity: "info",
  description: "A promoted image is named by tag on one side and by digest on the other, so its order cannot be verified.",
  docs: "Name the image the same way in every environment (tag@digest matches on either), for example with kustomize `images:` newTag and digest.",
});

export const promotionSimultaneous = promotionRule({
  id: "canary/promotion-simultaneous",
  severity: "warning",
  description: "One change sets the same workload's image in two consecutive environments of `promotion`.",
  docs: "Promote in separate changes: merge the lower environment first and let it run the version before the next environment takes it.",
});

export const promotionUnpromoted = promotionRule({
  id: "canary/promotion-unpromoted",
  severity: "warning",
  description: "Without --base: a production environment of `promotion` (else its last one) runs an image version that no lower environment runs or has moved past.",
  docs: "Run the version in the lower environments first. Each production environment of `promotion` (the production predicate: `production:` in mergegate.yaml, else the name) is compared with the non-production environments before it; a chain without one compares its last environment. Without --base mergegate compares the current renders: a version is fine when a lower environment runs it or runs a newer version of the same repository; repositories that no lower environment runs are not checked.",
});

export const promotionRules: readonly Rule[] = [promotionOrder, promotionUnverifiable, promotionSimultaneous, promotionUnpromoted];
