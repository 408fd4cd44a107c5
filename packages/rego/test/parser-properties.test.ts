// Property tests of the Rego parser (fast-check): whatever the text — token soup, real policies cut, spliced and
// garbled, nesting deeper than any policy needs — parsing returns a module or throws a rego_parse_error at a
// file:line:col inside the text; never another error (a TypeError, a stack overflow) and never a hang.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, parseModule, parseQuery, RegoError } from "../src/index.js";
import { maxNesting } from "../src/lexer.js";

const policiesFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../policies");
const policies = readdirSync(policiesFolder)
  .filter((name) => name.endsWith(".rego"))
  .sort()
  .map((name) => readFileSync(path.join(policiesFolder, name), "utf8"));

const vocabulary = [
  "package", "p", "import", "rego.v1", "future.keywords", "data", "input", "default", "if", "else", "contains", "some", "every", "in", "not", "with", "as",
  "true", "false", "null", "x", "y", "_", "count", "sprintf", ".", ",", ";", ":", ":=", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&", "|",
  "(", ")", "[", "]", "{", "}", '"s"', '"', '"\\u00e9"', '"\\', "`raw`", "`", "$\"t {x}\"", "$`", "1", "-1", "1.5e3", "0x1F", "1e999", "01", "# c", "# METADATA\n# title: t",
  "\n", " ", "\t", "\r\n", "\u00a0", "é", "💥", "\u0000", "\uFEFF",
];
const tokenSoup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 80 }).map((parts) => parts.join(" "));

/** A built-in policy, edited at random: a cut, a splice of another's text, a token dropped in, a truncation. */
const garbledPolicy = fc
  .tuple(fc.nat({ max: policies.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 }))), { minLength: 1, maxLength: 4 }))
  .map(([which, edits]) => edits.reduce((text, [at, cut, insert]) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + insert + text.slice(start + cut);
  }, policies[which] ?? ""));

const deepNesting = fc
  .tuple(fc.constantFrom("[", "(", "{", "-", "[x | x := ", "{x | x := ", "f(", "not ", "every a in [1] { ", "$\"{"), fc.integer({ min: maxNesting - 5, max: 5_000 }))
  .map(([open, depth]) => `package p\n\nx if {\n  y := ${open.repeat(depth)}1\n}\n`);

/** Parsing either works or fails as a parse error that names this file and a line and column of the text. */
function expectParsedOrParseError(source: string, parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error, String((error as Error).stack)).toBeInstanceOf(RegoError);
    const regoError = error as RegoError;
    expect(regoError.code).toBe("rego_parse_error");
    expect(regoError.location?.file).toBe("fuzz.rego");
    const lines = source.split(/\r?\n|\r/).length;
    expect(regoError.location?.line).toBeGreaterThanOrEqual(1);
    expect(regoError.location?.line).toBeLessThanOrEqual(lines);
    expect(regoError.location?.col).toBeGreaterThanOrEqual(1);
    expect(regoError.message).toMatch(/^fuzz\.rego:\d+:\d+: rego_parse_error: /);
  }
}

describe("Rego parser (properties)", () => {
  it("every built-in policy parses (the garbling below starts from real modules)", () => {
    expect(policies.length).toBeGreaterThan(10);
    for (const source of policies) expect(() => parseModule(source, "fuzz.rego")).not.toThrow();
  });

  it("token soup: a module or a parse error at file:line:col, in v1 and v0", () => {
    fc.assert(
      fc.property(tokenSoup, fc.constantFrom("v0", "v1") as fc.Arbitrary<"v0" | "v1">, (source, regoVersion) => {
        expectParsedOrParseError(source, () => parseModule(source, "fuzz.rego", { regoVersion }));
        const withPackage = `package p\n${source}`;
        expectParsedOrParseError(withPackage, () => parseModule(withPackage, "fuzz.rego", { regoVersion }));
      }),
      { numRuns: 300 },
    );
  });

  it("garbled built-in policies: a module or a parse error at file:line:col", () => {
    fc.assert(
      fc.property(garbledPolicy, (source) => expectParsedOrParseError(source, () => parseModule(source, "fuzz.rego"))),
      { numRuns: 300 },
    );
  });

  it("queries of any text: parsed or a parse error", () => {
    fc.assert(
      fc.property(tokenSoup, (source) => expectParsedOrParseError(source, () => parseQuery(source, "fuzz.rego"))),
      { numRuns: 200 },
    );
  });

  it(`nesting past ${maxNesting} levels is a parse error, not a stack overflow; a policy nested less compiles`, () => {
    fc.assert(
      fc.property(deepNesting, (source) => expectParsedOrParseError(source, () => parseModule(source, "fuzz.rego"))),
      { numRuns: 40 },
    );
    const deep = `package p\n\nx := ${"[".repeat(maxNesting + 1)}1${"]".repeat(maxNesting + 1)}\n`;
    expect(() => parseModule(deep, "fuzz.rego")).toThrow(new RegExp(`fuzz\\.rego:3:\\d+: rego_parse_error: nested more than ${maxNesting} levels deep`));
    const templates = `package p\n\nx := ${'$"{'.repeat(maxNesting + 1)}1${'}"'.repeat(maxNesting + 1)}\n`;
    expect(() => parseModule(templates, "fuzz.rego")).toThrow(new RegExp(`fuzz\\.rego:3:\\d+: rego_parse_error: template strings nested more than ${maxNesting} levels deep`));
    const fine = `package p\n\nx := ${"[".repeat(50)}1${"]".repeat(50)}\n`;
    const nested: unknown = JSON.parse(`${"[".repeat(50)}1${"]".repeat(50)}`);
    expect(compile({ modules: [{ file: "fuzz.rego", source: fine }] }).evalRef("data.p.x")).toEqual(nested);
    // the limit leaves the compiler and evaluator room: comprehensions just under it (the costliest level) evaluate
    const levels = maxNesting - 5;
    const comprehensions = `package p\n\nx := ${"[y | y := ".repeat(levels)}1${"]".repeat(levels)}\n`;
    expect(JSON.stringify(compile({ modules: [{ file: "fuzz.rego", source: comprehensions }] }).evalRef("data.p.x"))).toBe(`${"[".repeat(levels)}1${"]".repeat(levels)}`);
  });
});
