// Evaluator tests: undefined vs false, conflicts, with, else, every, comprehensions, partial rules, functions, defaults.
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";
import { regoErrorOf } from "./rego-error.js";

function policy(source: string, data?: unknown) {
  return compile({ modules: [{ file: "test.rego", source: `package test\n\n${source}` }], data });
}

function value(source: string, rule: string, input?: unknown) {
  return policy(source).evalRef(`data.test.${rule}`, input);
}

describe("evaluation", () => {
  it("tells undefined from false", () => {
    expect(value("p if input.x == 1", "p", { x: 2 })).toBeUndefined();
    expect(value("default p := false\np if input.x == 1", "p", { x: 2 })).toBe(false);
    expect(value("p := input.x == 1", "p", { x: 2 })).toBe(false);
    expect(policy("p if false").evaluate("data.test.p")).toEqual([]);
  });

  it("raises conflicts for complete rules, functions and object keys", () => {
    expect(regoErrorOf(() => value("p := 1\np := 2", "p")).code).toBe("eval_conflict_error");
    expect(regoErrorOf(() => value("f(_) := 1\nf(_) := 2\np := f(0)", "p")).message).toContain("functions must not produce multiple outputs for same inputs");
    expect(regoErrorOf(() => value('o[k] := v if { some k, v in {"a": 1, "b": 2}; k = "a" }\no["a"] := 3', "o")).message).toContain("object keys must be unique");
  });

  it("builds partial sets and objects and ref-head documents", () => {
    const source = `
deny contains msg if { some c in input.cs; c.bad; msg := c.name }
names[c.name] := c.bad if some c in input.cs
a.b[x] contains y if { some x, y in {"k": 1} }
`;
    const compiled = policy(source);
    const input = { cs: [{ name: "x", bad: true }, { name: "y", bad: false }] };
    expect(compiled.evalRef("data.test.deny", input)).toEqual(["x"]);
    expect(compiled.evalRef("data.test.names", input)).toEqual({ x: true, y: false });
    expect(compiled.evalRef("data.test.a", input)).toEqual({ b: { k: [1] } });
  });

  it("evaluates the references and calls in a negated call's arguments before the not, as OPA does (== excepted)", () => {
    const source = `
f(x) if x == 1
obj := {"a": 1}
undefined_arg if not f(input.missing)
undefined_nested if not f(count(input.missing))
undefined_index if not obj[input.missing]
negated_ref if not input.missing
negated_equality if not input.missing == true
undefined_equality_index if not obj[input.missing] == 1
false_call if not f(input.two)
true_call if not f(input.one)
`;
    const compiled = policy(source);
    const input = { one: 1, two: 2 };
    expect(compiled.evalRef("data.test.undefined_arg", input)).toBeUndefined();
    expect(compiled.evalRef("data.test.undefined_nested", input)).toBeUndefined();
    expect(compiled.evalRef("data.test.undefined_index", input)).toBeUndefined();
    expect(compiled.evalRef("data.test.negated_ref", input)).toBe(true);
    expect(compiled.evalRef("data.test.negated_equality", input)).toBe(true);
    expect(compiled.evalRef("data.test.undefined_equality_index", input)).toBeUndefined();
    expect(compiled.evalRef("data.test.false_call", input)).toBe(true);
    expect(compiled.evalRef("data.test.true_call", input)).toBeUndefined();
  });

  it("evaluates several refs for one input in one evaluation, sharing helper rules", () => {
    const source = `
helper := x if { x := count(input.cs); print("helper") }
deny contains c.name if { some c in input.cs; c.bad; helper > 1 }
warn contains sprintf("%d items", [helper]) if true
`;
    const printed: string[] = [];
    const compiled = policy(source);
    const input = { cs: [{ name: "x", bad: true }, { name: "y", bad: false }] };
    const values = compiled.evalRefs(["data.test.deny", "data.test.warn", "data.test.missing"], input, { print: (line) => printed.push(line) });
    expect(values).toEqual([["x"], ["2 items"], undefined]);
    expect(printed).toEqual(["helper"]);
    expect(values.slice(0, 2)).toEqual([compiled.evalRef("data.test.deny", input), compiled.evalRef("data.test.warn", input)]);
  });

  it("evaluates else chains, defaults, functions and every", () => {
    const source = `
size(n) := "big" if n > 10 else := "small" if n > 1 else := "tiny"
sizes := [size(x) | some x in [20, 5, 1]]
default threshold := 3
all_positive if every x in input.xs { x > 0 }
`;
    const compiled = policy(source);
    expect(compiled.evalRef("data.test.sizes")).toEqual(["big", "small", "tiny"]);
    expect(compiled.evalRef("data.test.threshold")).toBe(3);
    expect(compiled.evalRef("data.test.all_positive", { xs: [1, 2] })).toBe(true);
    expect(compiled.evalRef("data.test.all_positive", { xs: [1, -2] })).toBeUndefined();
  });

  it("evaluates comprehensions and set operations", () => {
    expect(value("s := {x | some x in [1, 2, 2, 3]} - {3}", "s")).toEqual([1, 2]);
    expect(value('o := {k: count(v) | some k, v in {"a": [1], "b": [1, 2]}}', "o")).toEqual({ a: 1, b: 2 });
  });

  it("replaces input, data and functions with `with`", () => {
    const source = `
p := input.x + data.config.y
q := y if y := p with input.x as 10 with data.config.y as 5
r := y if y := count([1, 2]) with count as mock
mock(_) := 42
`;
    const compiled = policy(source, { config: { y: 1 } });
    expect(compiled.evalRef("data.test.p", { x: 1 })).toBe(2);
    expect(compiled.evalRef("data.test.q", { x: 1 })).toBe(15);
    expect(compiled.evalRef("data.test.r")).toBe(42);
  });

  it("returns OPA's result-set shape and prints", () => {
    const printed: string[] = [];
    const rows = policy('p := {"a", "b"}').evaluate("x := data.test.p; print(x)", { print: (message) => printed.push(message) });
    expect(rows).toEqual([
      {
        expressions: [
          { value: true, text: "x := data.test.p", location: { row: 1, col: 1 } },
          { value: true, text: "print(x)", location: { row: 1, col: 19 } },
        ],
        bindings: { x: ["a", "b"] },
      },
    ]);
    expect(printed).toEqual(['{"a", "b"}']);
  });

  it("keeps big integers exact and divides like OPA", () => {
    expect(value("p := 9007199254740993 + 1", "p")).toBe(9007199254740994n);
    expect(value("p := 7 / 2", "p")).toBe(3.5);
    expect(value("p := 8 / 2", "p")).toBe(4);
    expect(regoErrorOf(() => policy("p := x if { x := 1 / 0 }").evaluate("data.test.p", { strictBuiltinErrors: true })).message).toContain("div: divide by zero");
    expect(value("p := x if { x := 1 / 0 }", "p")).toBeUndefined();
  });

  it("reports compile errors with OPA's codes", () => {
    expect(regoErrorOf(() => policy("p if { x > 1 }")).code).toBe("rego_unsafe_var_error");
    expect(regoErrorOf(() => policy("p if q\nq if p")).code).toBe("rego_recursion_error");
    expect(regoErrorOf(() => policy("p := count(1, 2, 3)")).code).toBe("rego_type_error");
    expect(regoErrorOf(() => policy("p := nope(1)")).message).toContain("undefined function nope");
  });

  it("lists rules with their annotations", () => {
    const compiled = policy("# METADATA\n# title: Deny all\ndeny contains 1 if true\n");
    expect(compiled.rules()).toMatchObject([{ package: "data.test", name: "deny", kind: "multivalue", annotations: { title: "Deny all" } }]);
  });
});
