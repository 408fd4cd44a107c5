// Every rule mergegate runs, in one list. Adding a rule = its module + its tests + one line here.
import { canaryRules } from "./canary/rules.js";
import { duplicateResource } from "./k8s/duplicate-resource.js";
import { invalidName } from "./k8s/invalid-name.js";
import { missingIdentity } from "./k8s/missing-identity.js";
import { externalSource, notRendered, remoteSource, renderFailed, uncovered } from "./render/render-problems.js";
import type { Rule, RuleMeta } from "./rule.js";
import { suppressionRules } from "../verdict/suppressions/rules.js";
import { policyRules } from "./policy/rules.js";
import { schemaRules } from "./schema/rules.js";
import { secretsRules } from "./secrets/rules.js";
import { duplicateKey } from "./yaml/duplicate-key.js";
import { parseError } from "./yaml/parse-error.js";
import { skippedFile } from "./yaml/skipped-file.js";

export const rules: readonly Rule[] = [
  parseError,
  duplicateKey,
  skippedFile,
  renderFailed,
  remoteSource,
  notRendered,
  externalSource,
  uncovered,
  duplicateResource,
  invalidName,
  missingIdentity,
  ...schemaRules,
  ...secretsRules,
  ...canaryRules,
  ...policyRules,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}

/** The metadata of every rule that can produce a finding: the checks' and the suppression model's. */
export function ruleMetaOf(id: string): RuleMeta | undefined {
  return ruleById(id)?.meta ?? suppressionRules.find((meta) => meta.id === id);
}
