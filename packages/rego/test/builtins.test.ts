// Part-2 builtin groups evaluated through real policies: units, strings, regex, glob, objects, encoding, net, time, JWT, GraphQL.
import { describe, expect, it } from "vitest";
import { compile, re2Test } from "../src/index.js";

/** Evaluates one expression and returns its value (undefined when the expression is undefined). */
function value(expression: string): unknown {
  const rows = compile({ modules: [] }).evaluate(`x := ${expression}`);
  return rows[0]?.bindings.x;
}

describe("builtin groups", () => {
  it("parses units exactly, including binary suffixes and milli", () => {
    expect(value(`units.parse("10Ei")`)).toBe(11529215046068469760n);
    expect(value(`units.parse("100m")`)).toBeCloseTo(0.1);
    expect(value(`units.parse_bytes("1.1KiB")`)).toBe(1126);
  });

  it("formats strings with Go's verbs and manipulates them", () => {
    expect(value(`sprintf("%s has %d replicas (%.1f%%)", ["web", 3, 99.5])`)).toBe("web has 3 replicas (99.5%)");
    expect(value(`indexof_n("abcab", "ab")`)).toEqual([0, 3]);
    expect(value(`strings.replace_n({"a": "1", "b": "2"}, "abc")`)).toBe("12c");
    expect(value(`strings.render_template("hello {{.name}}", {"name": "world"})`)).toBe("hello world");
  });

  it("matches regular expressions with RE2 semantics", () => {
    expect(value(`regex.match("^v[0-9]+$", "v12")`)).toBe(true);
    expect(value(`regex.find_all_string_submatch_n("(\\\\w)=(\\\\d)", "a=1 b=2", -1)`)).toEqual([["a=1", "a", "1"], ["b=2", "b", "2"]]);
    expect(value(`regex.replace("image:latest", ":(\\\\w+)$", "@$1")`)).toBe("image@latest");
    expect(value(`regex.is_valid("(?<=x)")`)).toBe(false);
    expect(value(`glob.match("*.example.com", ["."], "api.example.com")`)).toBe(true);
    expect(value(`glob.match("*.example.com", ["."], "a.b.example.com")`)).toBe(false);
  });

  it("gives the same regex.match answers when they are remembered, past the bound on remembered answers", () => {
    const texts = Array.from({ length: 12_000 }, (_, index) => (index % 3 === 0 ? `v${index}` : `x${index}`));
    for (const round of [1, 2]) {
      for (const text of texts) expect(re2Test("^v[0-9]+$", text), `${text}, round ${round}`).toBe(text.startsWith("v"));
    }
    expect(re2Test("^v[0-9]+$", `v${"1".repeat(300)}`)).toBe(true); // too long to remember
    for (const round of [1, 2]) expect(() => re2Test("(?<=x)", "x"), `round ${round}`).toThrow(/error parsing regexp/);
  });

  it("merges, filters and compares objects", () => {
    expect(value(`object.union({"a": {"b": 1}}, {"a": {"c": 2}})`)).toEqual({ a: { b: 1, c: 2 } });
    expect(value(`json.filter({"a": {"b": 1, "c": 2}, "d": 3}, ["a/b"])`)).toEqual({ a: { b: 1 } });
    expect(value(`json.remove({"a": {"b": 1, "c": 2}}, ["a/b"])`)).toEqual({ a: { c: 2 } });
    expect(value(`object.subset({"a": 1, "b": [1, 2, 3]}, {"b": [2, 3]})`)).toBe(true);
  });

  it("encodes and decodes", () => {
    expect(value(`base64url.encode_no_pad("hi?")`)).toBe("aGk_");
    expect(value(`urlquery.encode_object({"q": ["a b", "c"]})`)).toBe("q=a+b&q=c");
    expect(value(`yaml.unmarshal("a: [1, 2]")`)).toEqual({ a: [1, 2] });
  });

  it("computes with CIDRs without DNS", () => {
    expect(value(`net.cidr_contains("10.0.0.0/8", "10.1.2.3")`)).toBe(true);
    expect(value(`net.cidr_merge(["10.0.0.0/25", "10.0.0.128/25"])`)).toEqual(["10.0.0.0/24"]);
  });

  it("parses and formats time in zones", () => {
    expect(value(`time.parse_rfc3339_ns("2017-06-02T19:00:00-07:00")`)).toBe(1496455200000000000n);
    expect(value(`time.clock([1517832000000000000, "America/New_York"])`)).toEqual([7, 0, 0]);
    expect(value(`time.parse_duration_ns("1h30m")`)).toBe(5400000000000);
  });

  it("signs and verifies JWTs", () => {
    const token = value(`io.jwt.encode_sign({"alg": "HS256"}, {"sub": "ci"}, {"kty": "oct", "k": base64url.encode_no_pad("key")})`) as string;
    expect(value(`io.jwt.verify_hs256("${token}", "key")`)).toBe(true);
    expect(value(`io.jwt.decode_verify("${token}", {"secret": "wrong"})`)).toEqual([false, {}, {}]);
  });

  it("parses GraphQL into gqlparser's AST shape", () => {
    expect(value("graphql.parse_query(`{ hero { name } }`)")).toEqual({
      Operations: [{ Name: "", Operation: "query", SelectionSet: [{ Alias: "hero", Name: "hero", SelectionSet: [{ Alias: "name", Name: "name" }] }] }],
    });
    expect(value("graphql.schema_is_valid(`type Query { a: String }`)")).toBe(true);
  });

  it("walks documents as a relation", () => {
    const rows = compile({ modules: [] }).evaluate(`walk({"a": [1]}, [path, v])`);
    expect(rows.map((row) => row.bindings.path)).toEqual([[], ["a"], ["a", 0]]);
  });

  it("never reaches the network: a network builtin fails the evaluation, naming the builtin and its location", () => {
    const source = `package p\n\nr := http.send({"method": "GET", "url": "https://example.com"})\n`;
    const policy = compile({ modules: [{ file: "net.rego", source }] });
    expect(() => policy.evalRef("data.p.r")).toThrow(/net\.rego:3(:\d+)?: eval_builtin_error: http\.send: mergegate does not make network calls/);
    const lookup = `package p\n\nr := net.lookup_ip_addr("10.0.0.1")\ns := net.lookup_ip_addr("example.com")\n`;
    expect(compile({ modules: [{ file: "net.rego", source: lookup }] }).evalRef("data.p.r")).toEqual(["10.0.0.1"]);
    expect(() => compile({ modules: [{ file: "net.rego", source: lookup }] }).evalRef("data.p.s")).toThrow(/eval_builtin_error: net\.lookup_ip_addr/);
  });

  it("lets tests mock network builtins with `with`", () => {
    const source = `package p\n\nmock(_) := {"status_code": 200, "body": {"ok": true}}\n\nok if http.send({"method": "GET", "url": "https://example.com"}).body.ok\n\nr if { ok with http.send as mock }\n\nip if { net.lookup_ip_addr("example.com") == {"192.0.2.1"} with net.lookup_ip_addr as {"192.0.2.1"} }\n`;
    const policy = compile({ modules: [{ file: "net.rego", source }] });
    expect(policy.evalRef("data.p.r")).toBe(true);
    expect(policy.evalRef("data.p.ip")).toBe(true);
  });
});
