// Property tests of the config loader (fast-check): whatever mergegate.yaml holds — garbled YAML, configs built
// from the schema's own keys with values of any type, allowlist regexes that are not RE2 — loading gives a config
// or a GateError that names the file and a line of it (exit 2), never an internal error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConfig } from "../src/config/config.js";
import { GateError } from "../src/errors.js";

const file = "mergegate.yaml";

/** A config, or a GateError at a line of the text; anything else fails the property. */
function expectConfigOrGateError(text: string): void {
  let config: unknown;
  try {
    config = parseConfig(text, file);
  } catch (error) {
    expect(error, String((error as Error).stack)).toBeInstanceOf(GateError);
    const gateError = error as GateError;
    expect(gateError.file).toBe(file);
    expect(gateError.line).not.toBeNull();
    expect(gateError.line ?? 0).toBeGreaterThanOrEqual(1);
    expect(gateError.line ?? 0).toBeLessThanOrEqual(Math.max(1, text.split(/\r?\n|\r/).length));
    expect(gateError.oneLine()).toMatch(/^mergegate\.yaml:\d+: \S/);
    expect(gateError.oneLine()).not.toContain("\n    at ");
    return;
  }
  expect(typeof config).toBe("object");
}

// The schema's keys, so that generated configs get past the top level often and fail (or pass) deeper in.
const keys = [
  "version", "kubernetesVersion", "exclude", "environments", "prod", "dev", "path", "renderer", "failOn", "progressive", "production", "promotion", "schemas", "locations",
  "unknownKind", "offline", "policies", "paths", "namespaces", "regoVersion", "limits", "steps", "timeoutMs", "rules", "policy/run-as-non-root", "severity", "parameters",
  "canary", "requireProgressive", "maxFirstWeight", "secrets", "allowlist", "regexes", "baseline", "waivers", "kustomizeBuildOptions", "unknown",
];
const scalars = fc.oneof(
  fc.constantFrom(1, 0, -1, 1.5, true, false, null, "1", "1.33", "v1", "v0", "error", "warning", "info", "never", "off", "auto", "kustomize", "plain", "helm", "changed", "", "overlays/prod", "docs/**"),
  // RE2 rejects some of these (and JS would accept some RE2 rejects): each must be a config error at its line
  fc.constantFrom("(", "[a-", "\\", "(?<name>x)", "(?=x)", "x{2,1}", "\\p{Greek}", "^sk_test_", "a**", "(?i)token"),
  fc.string({ maxLength: 10 }),
  fc.integer(),
);
type Value = unknown;
const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalars, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 4 })),
}));
const configLike = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }).map((config) => ({ version: 1, ...config }));

const pieces = ["version: 1\n", "environments:\n", "  prod:\n", "    path: x\n", "    failOn: ", "secrets:\n  allowlist:\n    regexes: [", "\"(\"", "]", "\n", "  ", ": ", "- ", "&a ", "*a", "<<: *a\n", "[", "{", "}", "'", '"', "#", "\t", "---\n", "%YAML 1.2\n", "!!binary ", "~", "💥", "\u0000"];
const garbled = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(""));

describe("config loader (properties)", () => {
  it("configs built from the schema's keys: a config or a GateError at file:line", () => {
    fc.assert(
      fc.property(configLike, fc.constantFrom("block", "flow") as fc.Arbitrary<"block" | "flow">, (config, style) => {
        expectConfigOrGateError(stringify(config, { collectionStyle: style === "flow" ? "flow" : "any" }));
      }),
      { numRuns: 300 },
    );
  });

  it("garbled YAML: a config or a GateError at file:line", () => {
    fc.assert(
      fc.property(fc.oneof(garbled, fc.string({ maxLength: 60 })), expectConfigOrGateError),
      { numRuns: 300 },
    );
  });

  it("recursive aliases and alias bombs are config errors at a line", () => {
    for (const text of ["version: 1\nexclude: &x [*x]\n", "version: 1\nrules: &r\n  a: *r\n", `version: 1\na: &a [x, x]\n${Array.from({ length: 12 }, (_, index) => `a${index + 1}: &a${index + 1} [*a${index === 0 ? "" : index}, *a${index === 0 ? "" : index}]`).join("\n")}\n`]) {
      expectConfigOrGateError(text);
      expect(() => parseConfig(text, file)).toThrow(GateError);
    }
  });
});
