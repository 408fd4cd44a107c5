// A rule's documentation for `mergegate explain`: every registered rule, the suppression model's and the built-in policies'.
import { ruleHelpUri } from "../report/rule-docs.js";
import { ruleMetaOf } from "./registry.js";
import type { RuleMeta } from "./rule.js";

export function explainRule(id: string): (RuleMeta & { helpUri: string }) | undefined {
  const meta = ruleMetaOf(id);
  return meta === undefined ? undefined : { ...meta, helpUri: ruleHelpUri(id) };
}
