// Property tests of redaction (fast-check): whatever the value, a Secret's fields and the messages quoting it
// never show it, and a JSON document of the redacted object still parses to the same shape.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markerOf, redactionFor } from "../src/report/redact.js";

const value = fc.string({ minLength: 1, maxLength: 40, unit: "binary" });

describe("redaction properties", () => {
  it("a Secret's values never survive, and its JSON parses with the same keys", () => {
    fc.assert(
      fc.property(value, fc.string({ minLength: 1, maxLength: 12 }), (secret, key) => {
        const redaction = redactionFor("repo-key", [secret]);
        const redacted = redaction.value({ kind: "Secret", metadata: { name: "s" }, stringData: { [key]: secret } });
        const parsed = JSON.parse(JSON.stringify(redacted)) as { stringData: Record<string, string> };
        expect(Object.keys(parsed.stringData)).toEqual([key]);
        expect(parsed.stringData[key]).toBe(markerOf("repo-key", secret));
      }),
    );
  });

  it("a message quoting a long value as a token never shows it", () => {
    const token = fc.string({ minLength: 8, maxLength: 40, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+=") });
    fc.assert(
      fc.property(token, fc.constantFrom(" ", ": ", "'", '"', "(", "\n"), (secret, around) => {
        const text = redactionFor("repo-key", [secret]).text(`kustomize said${around}${secret}${around}and stopped`);
        expect(text).not.toContain(secret);
        expect(text).toContain(markerOf("repo-key", secret));
      }),
    );
  });
});
