// The policy/* rules: one per built-in library rule, one for the repo's own policies, one for evaluation errors — views of one pass.
import type { Rule, RuleMeta } from "../rule.js";
import { gatekeeperRules } from "./gatekeeper.js";
import { libraryRules } from "./library.js";
import { compiledLibrary, evaluationErrorModule, policyReports, repoPolicyModule } from "./pass.js";

/** Compiling the built-in library is the same work for every policy rule: one setup shared by all. */
const prepareLibrary = (): void => void compiledLibrary();

function policyRule(meta: RuleMeta): Rule {
  return {
    meta,
    prepare: prepareLibrary,
    run(context) {
      for (const { module, report } of policyReports(context)) if (module === meta.id) context.report(report);
    },
  };
}

export const repoPolicies = policyRule({
  id: repoPolicyModule,
  severity: "error",
  description: "The repo's own Rego (conftest conventions: deny, violation, warn), reported as policy/<package>/<rule>.",
  docs: "Fix the object as the policy's message says, or add a conftest exception rule, an inline allow or a waiver.",
});

export const evaluationError = policyRule({
  id: evaluationErrorModule,
  severity: "error",
  description: "A repo policy failed while evaluating an object (runtime error, or the step or time limit), or does not compile (a parse error, OPA's type check, an unsafe variable).",
  docs: "Fix the policy at the reported line (a type error names the builtin or reference and the types it has and wants); policies.limits in mergegate.yaml sets the step and time limits.",
});

export const libraryPolicyRules: readonly Rule[] = libraryRules().map((rule) => policyRule(rule.meta));

export const policyRules: readonly Rule[] = [...libraryPolicyRules, repoPolicies, evaluationError, ...gatekeeperRules];
