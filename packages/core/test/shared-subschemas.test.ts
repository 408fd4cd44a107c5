// Shared subschemas: a large repeated subtree is compiled once through `definitions`, and validation is unchanged.
import { describe, expect, it } from "vitest";
import { withSharedSubschemas } from "../src/schemas/shared-subschemas.js";
import { validatorFor } from "../src/schemas/validators.js";
import { problemsOf } from "../src/checks/schema/schema-errors.js";

/** A generator-like object schema large enough to share (≥ 400 characters as JSON). */
const generator = {
  type: ["object", "null"],
  additionalProperties: false,
  properties: Object.fromEntries(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"].map((name) => [name, { type: ["string", "null"], maxLength: 63 }])),
};

const schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    first: generator,
    nested: { type: "object", additionalProperties: false, properties: { second: structuredClone(generator), list: { type: "array", items: structuredClone(generator) } } },
    choice: { anyOf: [structuredClone(generator), { type: "string" }] },
    small: { type: "string" },
  },
};

describe("withSharedSubschemas", () => {
  it("moves a repeated large subtree into definitions once, leaving small ones and combinator branches inline", () => {
    const shared = withSharedSubschemas(schema);
    const definitions = shared["definitions"] as Record<string, unknown>;
    expect(Object.keys(definitions)).toHaveLength(1);
    const reference = { $ref: `#/definitions/${Object.keys(definitions)[0]}` };
    const properties = shared["properties"] as Record<string, Record<string, unknown>>;
    expect(properties["first"]).toEqual(reference);
    expect((properties["nested"]?.["properties"] as Record<string, unknown>)["second"]).toEqual(reference);
    expect(((properties["nested"]?.["properties"] as Record<string, Record<string, unknown>>)["list"])?.["items"]).toEqual(reference);
    expect(properties["choice"]).toEqual(schema.properties.choice);
    expect(properties["small"]).toEqual({ type: "string" });
  });

  it("reports the same problems as the schema it came from", () => {
    const object = { first: { alpha: "x", alpah: "y" }, nested: { second: { beta: 3 }, list: [{ gamma: "z".repeat(64) }] }, choice: 7, extra: true };
    const problems = (source: Record<string, unknown>, key: string): string[] => {
      const validate = validatorFor({ cacheKey: key, schema: source, shared: null });
      validate(object);
      return problemsOf(validate.errors ?? [], { echoValues: true }).map((problem) => `${problem.rule} ${problem.pointer}`).sort();
    };
    const inline = problems(schema, "test:inline");
    expect(inline).toEqual([
      "schema/invalid-type /nested/second/beta",
      "schema/invalid-value /choice",
      "schema/invalid-value /nested/list/0/gamma",
      "schema/unknown-field /extra",
      "schema/unknown-field /first/alpah",
    ]);
    expect(problems(withSharedSubschemas(schema), "test:shared")).toEqual(inline);
  });
});
