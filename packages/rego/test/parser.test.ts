// Parser tests: Rego v1 and v0 constructs, locations, METADATA and parse error messages.
import { describe, expect, it } from "vitest";
import { parseModule, parseQuery, ParseError } from "../src/index.js";

describe("parser, Rego v1", () => {
  it("parses rules of every kind with locations", () => {
    const module = parseModule(
      `package example.policy

import rego.v1

default allow := false

allow if input.user == "admin"

deny contains msg if {
  some c in input.containers
  not startswith(c.image, "registry.local/")
  msg := sprintf("bad image %s", [c.image])
}

labels[name] := value if {
  some name, value in input.labels
}

a.b.c[x] contains y if {
  x := "k"
  y := 1
}

f(x) := x * 2

g(x) := "big" if { x > 10 } else := "small"
`,
      "policy.rego",
    );
    expect(module.packagePath).toEqual(["example", "policy"]);
    expect(module.rules.map((rule) => rule.kind)).toEqual(["complete", "complete", "multivalue", "complete", "multivalue", "function", "function"]);
    expect(module.rules[0]?.default).toBe(true);
    expect(module.rules[2]?.loc).toEqual({ file: "policy.rego", line: 9, col: 1 });
    expect(module.rules[2]?.body.map((expr) => expr.statement.kind)).toEqual(["somein", "term", "term"]);
    expect(module.rules[2]?.body[1]?.negated).toBe(true);
    expect(module.rules[6]?.else).toBeDefined();
  });

  it("parses comprehensions, every, with, raw strings and templates", () => {
    const [first, second, third, fourth] = parseQuery('xs := [x | x := input.a[_]]; every v in xs { v > 0 }; count(xs) with input as {"a": [1]}; s := $"n={count(xs)} `raw`"');
    expect(first?.statement.kind).toBe("term");
    expect(second?.statement.kind).toBe("every");
    expect(third?.with).toHaveLength(1);
    expect(fourth?.statement.kind).toBe("term");
  });

  it("accepts keywords used as reference names", () => {
    const module = parseModule("package test\n\nif.foo := 1\n\nfoo.contains contains 2\n", "k.rego");
    expect(module.rules).toHaveLength(2);
  });

  it("attaches METADATA to the following rule", () => {
    const module = parseModule(
      `# METADATA
# title: Example package
package example

# METADATA
# title: No latest tags
# custom:
#   severity: high
deny contains "x" if true
`,
      "meta.rego",
    );
    expect(module.rules[0]?.annotations).toMatchObject({ title: "No latest tags", scope: "rule", custom: { severity: "high" } });
    expect(module.annotations.map((annotation) => annotation.scope)).toEqual(["package", "rule"]);
  });

  it("reports parse errors with file, line and column", () => {
    expect(() => parseModule("package x\n\np if {\n  input.a ==\n}\n", "bad.rego")).toThrowError(/^bad\.rego:5:1: rego_parse_error: unexpected } token/);
    expect(() => parseModule("package x\n\np { true }\n", "v0-in-v1.rego")).toThrowError(ParseError);
  });
});

describe("parser, Rego v0", () => {
  it("parses Gatekeeper and conftest style rules", () => {
    const module = parseModule(
      `package k8srequiredlabels

violation[{"msg": msg, "details": {"missing": missing}}] {
  provided := {label | input.review.object.metadata.labels[label]}
  required := {label | label := input.parameters.labels[_]}
  missing := required - provided
  count(missing) > 0
  msg := sprintf("missing labels: %v", [missing])
}

deny[msg] { msg := "x" }

p { true }

q = 1 { true }

r[k] = v { k := "a"; v := 1 }
`,
      "gk.rego",
      { regoVersion: "v0" },
    );
    expect(module.rules.map((rule) => rule.kind)).toEqual(["multivalue", "multivalue", "complete", "complete", "complete"]);
    expect(module.rules[4]?.head.ref).toHaveLength(2);
  });
});
