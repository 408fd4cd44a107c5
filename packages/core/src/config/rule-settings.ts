// Which `rules:` entry of mergegate.yaml applies to a rule id: the exact id, else the most specific glob
// (`*` within one segment, `**` across segments: `policy/*`, `canary/**`); a longer glob wins over a shorter one.
import picomatch from "picomatch";
import type { Config, RuleConfig } from "./config.js";

const matchers = new WeakMap<NonNullable<Config["rules"]>, { pattern: string; matches: (id: string) => boolean }[]>();

function globsOf(rules: NonNullable<Config["rules"]>): { pattern: string; matches: (id: string) => boolean }[] {
  let globs = matchers.get(rules);
  if (globs === undefined) {
    globs = Object.keys(rules)
      .filter((key) => key.includes("*"))
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
      .map((pattern) => ({ pattern, matches: picomatch(pattern) }));
    matchers.set(rules, globs);
  }
  return globs;
}

/** The settings for `id`, or undefined when no key names it. */
export function ruleSettings(config: Config, id: string): RuleConfig | undefined {
  const rules = config.rules;
  if (rules === undefined) return undefined;
  if (Object.hasOwn(rules, id)) return rules[id];
  const glob = globsOf(rules).find((candidate) => candidate.matches(id));
  return glob === undefined ? undefined : rules[glob.pattern];
}
