import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/config.js";
import { ruleSettings } from "../src/config/rule-settings.js";

const config = parseConfig(
  [
    "version: 1",
    "rules:",
    "  policy/*: { severity: off }",
    "  policy/gatekeeper/**: { severity: warning }",
    "  policy/gatekeeper/K8sRequiredLabels/*: { severity: info }",
    "  policy/run-as-non-root: { severity: error }",
    "  canary/**: { environments: [prod] }",
    "",
  ].join("\n"),
  "mergegate.yaml",
);

describe("rules: keys with globs", () => {
  it("lets an exact id win over any glob", () => {
    expect(ruleSettings(config, "policy/run-as-non-root")).toEqual({ severity: "error" });
  });

  it("matches * within one segment only, ** across segments", () => {
    expect(ruleSettings(config, "policy/no-latest-tag")).toEqual({ severity: "off" });
    expect(ruleSettings(config, "policy/main/deny_latest")).toBeUndefined();
    expect(ruleSettings(config, "canary/service-selector-mismatch")).toEqual({ environments: ["prod"] });
    expect(ruleSettings(config, "schema/unknown-field")).toBeUndefined();
  });

  it("prefers the longer glob when several match", () => {
    expect(ruleSettings(config, "policy/gatekeeper/K8sRequiredLabels/must-have-owner")).toEqual({ severity: "info" });
    expect(ruleSettings(config, "policy/gatekeeper/K8sAllowedRepos/repos")).toEqual({ severity: "warning" });
  });

  it("refuses a key that is neither a rule id nor a glob of one", () => {
    expect(() => parseConfig("version: 1\nrules:\n  policy: { severity: off }\n", "mergegate.yaml")).toThrow(/invalid config: rules/);
  });
});
