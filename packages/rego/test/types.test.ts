// The static type check: builtin arguments and references into scalars are compile errors (rego_type_error), as in OPA.
import { describe, expect, it } from "vitest";
import { compile, RegoError } from "../src/index.js";
import { regoErrorOf } from "./rego-error.js";

function compileError(body: string): RegoError {
  return regoErrorOf(() => compile({ modules: [{ file: "types.rego", source: `package test\n\n${body}\n` }] }));
}

describe("type check", () => {
  it("rejects builtin arguments of the wrong type, with OPA's have/want", () => {
    const error = compileError('x := concat(",", [1])');
    expect(error.code).toBe("rego_type_error");
    expect(error.message).toContain("types.rego:3:6: rego_type_error: concat: invalid argument(s)");
    expect(error.message).toContain("have: (string, array<number>)");
    expect(error.message).toContain("want: (string, any<array[string], set[string]>)");
    expect(compileError("x := upper(1)").message).toContain("want: (string)");
    expect(compileError('x := sum(["a"])').message).toContain("sum: invalid argument(s)");
  });

  it("follows types through variables and builtin results", () => {
    expect(compileError('x if { n := count([1]); upper(n) == "1" }').message).toContain("upper: invalid argument(s)\n\thave: (number)");
    expect(compileError("x if { some s in [1, 2]; startswith(s, \"a\") }").message).toContain("startswith: invalid argument(s)");
  });

  it("checks a function's literal arguments against its head patterns, as OPA's checker does (unify1Object)", () => {
    const error = compileError('name_of({"metadata": {"name": n}}) := n\n\nx := name_of({"metadata": {"labels": {}}})');
    expect(error.code).toBe("rego_type_error");
    expect(error.message).toContain("data.test.name_of: invalid argument(s)\n\thave: (object<metadata: object<labels: object[any: any]>>)");
    expect(error.message).toContain("want: (object<metadata: object<name: any>>)");
    expect(compileError("first([x, _]) := x\n\nx := first([1, 2, 3])").message).toContain("data.test.first: invalid argument(s)");
    // A call that fits one definition, or whose argument is not a literal, is accepted.
    const policy = compile({ modules: [{ file: "types.rego", source: 'package test\n\nkind_of({"kind": k}) := k\n\nkind_of([k, _]) := k\n\nx := [kind_of({"kind": "Pod"}), kind_of(["Job", 1]), kind_of(input)]\n' }] });
    expect(policy.evalRef("data.test.x", { kind: "Service" })).toEqual(["Pod", "Job", "Service"]);
  });

  it("rejects references into scalars", () => {
    const error = compileError('x := "str".b');
    expect(error.code).toBe("rego_type_error");
    expect(error.message).toContain('undefined ref: "str".b');
    expect(compileError("x if { s := 1; s.a == 1 }").message).toContain("undefined ref: s.a");
  });

  it("reports every type error of a module", () => {
    expect(compileError("x := upper(1)\ny := lower(2)").message).toContain("2 errors occurred");
  });

  it("accepts what it cannot know: input, data, rules and unions", () => {
    const source = 'package test\n\nx := upper(input.name)\ny := concat(",", input.list)\nz := count(data.test.x)\nw := concat(",", [input.a, "b"])\n';
    expect(compile({ modules: [{ file: "ok.rego", source }] }).evalRef("data.test.x", { name: "a" })).toBe("A");
  });

  it("checks queries too", () => {
    expect(regoErrorOf(() => compile({ modules: [] }).evaluate("upper(1)")).code).toBe("rego_type_error");
  });
});
