// Every canary/* rule: Argo Rollouts, Flagger, progressive delivery required, and promotion order.
import type { Rule } from "../rule.js";
import { flaggerRules } from "./flagger-rules.js";
import { progressiveRequired } from "./progressive-required.js";
import { promotionRules } from "./promotion-rules.js";
import { rolloutRules } from "./rollout-rules.js";

export const canaryRules: readonly Rule[] = [...rolloutRules, ...flaggerRules, progressiveRequired, ...promotionRules];
