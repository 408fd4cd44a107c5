// Bounded evaluation: step and time limits stop runaway policies with eval_limit_error instead of hanging or crashing.
import { describe, expect, it } from "vitest";
import { compile, RegoError } from "../src/index.js";
import { regoErrorOf } from "./rego-error.js";

describe("evaluation limits", () => {
  it("stops a huge comprehension at the step limit", () => {
    const policy = compile({ modules: [{ file: "big.rego", source: "package big\n\nn := count([x | some x in numbers.range(1, 100000000)])\n" }] });
    const started = Date.now();
    const error = regoErrorOf(() => policy.evalRef("data.big.n", undefined, { limits: { maxSteps: 1_000_000, timeoutMs: 1000 } }));
    expect(error.code).toBe("eval_limit_error");
    expect(error.message).toMatch(/step limit/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops a nested iteration at the time limit", () => {
    const policy = compile({ modules: [{ file: "slow.rego", source: "package slow\n\nn := count([[a, b, c] | some a in input; some b in input; some c in input])\n" }] });
    const input = Array.from({ length: 400 }, (_, index) => index);
    const started = Date.now();
    const error = regoErrorOf(() => policy.evalRef("data.slow.n", input, { limits: { maxSteps: 1e12, timeoutMs: 200 } }));
    expect(error.code).toBe("eval_limit_error");
    expect(error.message).toMatch(/time limit/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("rejects recursion through functions at compile time", () => {
    const error = regoErrorOf(() => compile({ modules: [{ file: "rec.rego", source: "package rec\n\nf(x) := f(x + 1)\n\np := f(1)\n" }] }));
    expect(error.code).toBe("rego_recursion_error");
  });

  it("turns deep nesting into eval_limit_error instead of a stack overflow", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const policy = compile({ modules: [{ file: "deep.rego", source: "package deep\n\np := input == input\n" }] });
    let outcome: unknown;
    try {
      outcome = policy.evalRef("data.deep.p", deep);
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof RegoError) expect(outcome.code).toBe("eval_limit_error");
    else expect(outcome).toBe(true);
  });
});
