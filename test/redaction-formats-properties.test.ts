// Redaction through the whole pipe, as a property (fast-check): whatever a Secret's value — quotes, markup,
// newlines, format words, bidi controls — every check format and the render output parse, keep their file names
// and never show the value, raw or escaped.
import { XMLValidator } from "fast-xml-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRenderStream } from "../packages/core/src/report/render-output.js";
import { formatNames, formatResult } from "../packages/core/src/report/formats.js";
import { runGate, runRender } from "../packages/core/src/gate.js";
import { writeRepo } from "./support/temp-repo.js";

const units = [..."abcXYZ019", '"', "'", "<", ">", "&", "\\", " ", ":", "#", "%", "{", "}", "[", "]", ",", "-", "\n", "\t", "é", "💥", "\u202e", "::", "error", "true", "<b>"];
/** Long enough to be a credential, varied enough never to occur in a report by chance. */
const secretValue = fc
  .array(fc.constantFrom(...units), { minLength: 8, maxLength: 20 })
  .map((parts) => parts.join(""))
  .filter((value) => new Set(value.replace(/\s/g, "")).size >= 4 && value.trim() === value);

const xmlEscaped = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

function expectHidden(output: string, value: string): void {
  for (const form of new Set([value, JSON.stringify(value).slice(1, -1), xmlEscaped(value)])) expect(output).not.toContain(form);
}

describe("redaction of any Secret value in every format (property)", () => {
  it("check formats and render output parse, keep their paths, and never show the value", async () => {
    await fc.assert(
      fc.asyncProperty(secretValue, async (value) => {
        const repo = writeRepo({
          "secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${JSON.stringify(value)}\n`,
          "deployment-patch.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  copy: ${JSON.stringify(value)}\n`,
        });
        try {
          const result = await runGate({ repo: repo.root, offline: true });
          for (const format of formatNames) {
            const output = formatResult(result, format);
            expect(output).toContain("deployment-patch.yaml");
            expectHidden(output, value);
            if (format === "json" || format === "sarif") expect(() => JSON.parse(output)).not.toThrow();
            if (format === "junit") expect(XMLValidator.validate(output)).toBe(true);
            if (format === "github") for (const line of output.split("\n").filter((entry) => entry.startsWith("::"))) expect(line).toMatch(/^::(error|warning|notice) (file|title)=/);
          }
          const rendered = await runRender({ repo: repo.root });
          const json = formatRenderStream(rendered.render, "json");
          expect(() => JSON.parse(json)).not.toThrow();
          expectHidden(json, value);
          expectHidden(formatRenderStream(rendered.render, "yaml"), value);
        } finally {
          repo.remove();
        }
      }),
      { numRuns: 12 },
    );
  });
});
