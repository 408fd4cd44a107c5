import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import configSchema from "../src/config/mergegate.schema.json" with { type: "json" };
import waiversSchema from "../src/verdict/suppressions/waivers.schema.json" with { type: "json" };
import { parseConfig } from "../src/config/config.js";
import { GateError } from "../src/errors.js";

function configError(text: string): GateError {
  try {
    parseConfig(text, "mergegate.yaml");
  } catch (error) {
    if (error instanceof GateError) return error;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

describe("mergegate.yaml", () => {
  it("accepts the full documented configuration", () => {
    const config = parseConfig(
      [
        "version: 1",
        'kubernetesVersion: "1.33"',
        'exclude: ["docs/**"]',
        "environments:",
        "  prod:",
        "    path: overlays/prod",
        "    renderer: auto",
        "    failOn: warning",
        '    kubernetesVersion: "1.32"',
        "    progressive: true",
        "promotion: [dev, staging, prod]",
        "schemas: { locations: [], unknownKind: warning, offline: false }",
        "policies: { paths: [policy], namespaces: [main], regoVersion: v1, limits: { steps: 1000000, timeoutMs: 1000 } }",
        "rules:",
        "  policy/run-as-non-root: { severity: error, environments: [prod], parameters: {} }",
        "canary: { requireProgressive: changed, maxFirstWeight: 25 }",
        "secrets: { allowlist: { paths: [], regexes: [] } }",
        "baseline: .mergegate/baseline.json",
        "waivers: .mergegate/waivers.yaml",
      ].join("\n"),
      "mergegate.yaml",
    );
    expect(config.environments?.["prod"]?.failOn).toBe("warning");
  });

  it("rejects an unknown key at its line", () => {
    const error = configError("version: 1\nenvironments:\n  prod:\n    path: overlays/prod\n    failon: warning\n");
    expect(error.oneLine()).toBe('mergegate.yaml:3: invalid config: environments.prod: unknown key "failon"');
  });

  it("rejects a bad value at its line", () => {
    const error = configError("version: 1\nenvironments:\n  prod:\n    path: overlays/prod\n    failOn: sometimes\n");
    expect(error.oneLine()).toBe('mergegate.yaml:5: invalid config: environments.prod.failOn: must be one of "error", "warning", "info", "never"');
  });

  it("rejects a missing version and broken YAML", () => {
    expect(configError("exclude: []\n").oneLine()).toMatch(/^mergegate\.yaml:1: invalid config: top level: must have required property 'version'/);
    expect(configError("version: 1\nexclude: [a\n").oneLine()).toMatch(/^mergegate\.yaml:\d: invalid YAML: /);
  });
});

describe("the bundled JSON Schemas", () => {
  // The gate compiles them without meta-validation (it costs a tenth of a second per run): this is that check.
  it("are valid draft-07 schemas under ajv's strict mode", () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(configSchema), ajv.errorsText()).toBe(true);
    expect(ajv.validateSchema(waiversSchema), ajv.errorsText()).toBe(true);
  });
});
