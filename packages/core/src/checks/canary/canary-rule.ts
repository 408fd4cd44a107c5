// A canary/* rule as a view of the one shared canary pass (canary-pass.ts), filtered by its id.
import type { Rule, RuleMeta } from "../rule.js";
import type { CanaryRuleId } from "./canary-report.js";
import { canaryReports } from "./canary-pass.js";

export function canaryRule(meta: RuleMeta & { id: CanaryRuleId }): Rule {
  return {
    meta,
    run(context) {
      for (const { rule, report } of canaryReports(context)) if (rule === meta.id) context.report(report);
    },
  };
}
