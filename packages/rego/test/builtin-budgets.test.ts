// Builtins inside the evaluation's budgets (issue 18): glob matching is linear, strings and arrays a builtin would
// build past their size budget stop with eval_limit_error, and opa.runtime() shows no host environment.
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";
import { maxStringLength } from "../src/builtins/budget.js";
import { regoErrorOf } from "./rego-error.js";

const limits = { maxSteps: 1_000_000, timeoutMs: 1000 };

function evaluate(body: string, options: { input?: unknown; runtimeEnv?: Record<string, string> } = {}): unknown {
  const policy = compile({ modules: [{ file: "p.rego", source: `package p\n\n${body}\n` }] });
  return policy.evalRef("data.p.x", options.input, { limits, ...(options.runtimeEnv === undefined ? {} : { runtimeEnv: options.runtimeEnv }) });
}

function limitError(body: string, input?: unknown): string {
  const policy = compile({ modules: [{ file: "p.rego", source: `package p\n\n${body}\n` }] });
  const error = regoErrorOf(() => policy.evalRef("data.p.x", input, { limits }));
  expect(error.code).toBe("eval_limit_error");
  return error.message;
}

describe("glob.match", () => {
  it("matches a backtracking pattern against a long text without running past the deadline", () => {
    expect(evaluate(`x := glob.match("*a*a*a*a*a*a*a*b", [], input)`, { input: "a".repeat(5000) })).toBe(false);
    expect(evaluate(`x := glob.match("*a*a*a*a*a*a*a*b", [], input)`, { input: "a".repeat(5000) + "b" })).toBe(true);
  });

  it("keeps gobwas/glob semantics", () => {
    expect(evaluate(`x := [glob.match("*.github.com", ["."], "api.github.com"), glob.match("*.github.com", ["."], "a.b.github.com"), glob.match("**.github.com", ["."], "a.b.github.com"), glob.match("{a,b}?[0-9]", [], "bx7"), glob.match("a/[!b]", ["/"], "a/b")]`)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("strings and arrays within their size budget", () => {
  it("concat of a growing comprehension", () => {
    expect(limitError(`x := concat("", [s | some i in numbers.range(1, 300000); s := "${"a".repeat(64)}"])`)).toMatch(/concat: result would be .* over the limit/);
  });

  it("replace with an empty old string around every character", () => {
    expect(limitError(`x := replace(input.text, "", input.with)`, { text: "a".repeat(100_000), with: "b".repeat(1000) })).toMatch(/replace: result would be/);
    expect(evaluate(`x := replace("a-b-c", "-", "+")`)).toBe("a+b+c");
  });

  it("sprintf with a huge width", () => {
    expect(limitError(`x := sprintf("%999999999d", [1])`)).toMatch(/sprintf: result would be/);
    expect(evaluate(`x := sprintf("%5d|%-3s|", [42, "a"])`)).toBe("   42|a  |");
  });

  it("strings.replace_n growing every character", () => {
    expect(limitError(`x := strings.replace_n({"a": input.with}, input.text)`, { text: "a".repeat(100_000), with: "b".repeat(1000) })).toMatch(/strings.replace_n: result would be/);
  });

  it("a string doubled step by step meets the budget, never the heap", () => {
    const doublings = Array.from({ length: 30 }, (_, index) => `s${index + 1} := concat("", [s${index}, s${index}])`).join("\n");
    expect(limitError(`s0 := "${"a".repeat(32)}"\n${doublings}\nx := count(s30)`)).toMatch(/over the limit|step limit/);
    expect(maxStringLength).toBeLessThan(2 ** 28);
  });

  it("a number squared step by step meets the size budget, where it once ran seconds past the deadline", () => {
    const squarings = Array.from({ length: 30 }, (_, index) => `n${index + 1} := n${index} * n${index}`).join("\n");
    expect(limitError(`n0 := 123456789012345678901234567890\n${squarings}\nx := count(format_int(n30, 10))`)).toMatch(/number exceeds the size limit \(65536 bits\)/);
    expect(evaluate(`n0 := 123456789012345678901234567890\nx := n0 * n0`)).toBe(15241578753238836750495351562536198787501905199875019052100n);
  });

  it("array.concat past the element budget", () => {
    expect(limitError(`x := count(array.concat(input, input))`, Array.from({ length: 600_000 }, () => 1))).toMatch(/array.concat: result would have|step limit/);
  });
});

describe("opa.runtime()", () => {
  it("shows no environment variable unless the caller allowed it by name", () => {
    process.env["MERGEGATE_TEST_HIDDEN"] = "hidden-value";
    try {
      expect(evaluate(`x := opa.runtime().env`)).toEqual({});
      expect(evaluate(`x := opa.runtime().env`, { runtimeEnv: { SHOWN: "1" } })).toEqual({ SHOWN: "1" });
    } finally {
      delete process.env["MERGEGATE_TEST_HIDDEN"];
    }
  });
});
