// The builtins added for OPA parity, each with examples from OPA's documentation: json.patch, json.match_schema,
// json.verify_schema, regex.globs_match, net.cidr_merge, rand.intn, rego.metadata.*, rego.parse_module,
// providers.aws.sign_req, strings.render_template, time.parse_ns and crypto.x509.*.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasTool } from "../../../test/support/tools.js";
import { compile } from "../src/index.js";
import { regoErrorOf } from "./rego-error.js";

function value(source: string, input?: unknown) {
  return compile({ modules: [{ file: "b.rego", source: `package b\n\n${source}\n` }] }).evalRef("data.b.x", input);
}

function strictError(source: string) {
  return regoErrorOf(() => compile({ modules: [{ file: "b.rego", source: `package b\n\n${source}\n` }] }).evaluate("data.b.x", { strictBuiltinErrors: true }));
}

describe("json.patch", () => {
  it("applies RFC 6902 operations in order", () => {
    expect(value('x := json.patch({"a": {"foo": 1}}, [{"op": "add", "path": "/a/bar", "value": 2}])')).toEqual({ a: { foo: 1, bar: 2 } });
    expect(value('x := json.patch({"a": [1, 2]}, [{"op": "add", "path": "/a/-", "value": 3}, {"op": "remove", "path": "/a/0"}])')).toEqual({ a: [2, 3] });
    expect(value('x := json.patch({"a": 1}, [{"op": "move", "from": "/a", "path": "/b"}, {"op": "copy", "from": "/b", "path": "/c"}, {"op": "test", "path": "/c", "value": 1}])')).toEqual({ b: 1, c: 1 });
    expect(value('x := json.patch({"a/b": {"~": 1}}, [{"op": "replace", "path": "/a~1b/~0", "value": 2}])')).toEqual({ "a/b": { "~": 2 } });
  });

  it("addresses set members by value and is undefined when a patch cannot apply", () => {
    expect(value('x := json.patch({"foo": {"a", "b"}}, [{"op": "remove", "path": "foo/b"}])')).toEqual({ foo: ["a"] });
    expect(value('x := json.patch({"foo": {"a"}}, [{"op": "add", "path": "foo/d", "value": "e"}])')).toBeUndefined();
    expect(value('x := json.patch({"a": 1}, [{"op": "test", "path": "/a", "value": 2}])')).toBeUndefined();
    expect(value('x := json.patch([1], [{"op": "add", "path": "1.2", "value": 0}])')).toBeUndefined();
  });
});

describe("JSON Schema", () => {
  const schema = '{"properties": {"id": {"type": "integer"}}, "required": ["id"]}';

  it("matches documents and reports failures in gojsonschema's words", () => {
    expect(value(`x := json.match_schema({"id": 5}, ${schema})`)).toEqual([true, []]);
    expect(value(`x := json.match_schema({"id": "foo"}, ${schema})`)).toEqual([false, [{ desc: "Invalid type. Expected: integer, given: string", error: "id: Invalid type. Expected: integer, given: string", field: "id", type: "invalid_type" }]]);
    expect(value(`x := json.match_schema("{}", ${JSON.stringify(schema)})`)).toEqual([false, [{ desc: "id is required", error: "(root): id is required", field: "(root)", type: "required" }]]);
  });

  it("verifies schemas", () => {
    expect(value(`x := json.verify_schema(${schema})`)).toEqual([true, null]);
    const [valid, message] = value('x := json.verify_schema({"type": "unknown"})') as [boolean, string];
    expect(valid).toBe(false);
    expect(message).toContain("has a primitive type that is NOT VALID -- given: /unknown/");
  });
});

describe("regex.globs_match", () => {
  it("tells whether two glob patterns share a non-empty match", () => {
    expect(value('x := regex.globs_match("a.a.[0-9]+z", ".b.b2359825792*594823z")')).toBe(true);
    expect(value('x := regex.globs_match("[a-z]+", "[0-9]*")')).toBe(false);
    expect(value('x := regex.globs_match("b.*", "bar")')).toBe(true);
    expect(strictError('x := regex.globs_match("pqrs]", "[a-b]+")').message).toContain("input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid");
  });
});

describe("net.cidr_merge", () => {
  it("merges adjacent networks and gives addresses without a prefix Go's default mask", () => {
    expect(value('x := net.cidr_merge(["192.0.128.0/24", "192.0.129.0/24"])')).toEqual(["192.0.128.0/23"]);
    expect(value('x := net.cidr_merge(["192.0.128.0", "192.0.129.0"])')).toEqual(["192.0.128.0/23"]);
    expect(strictError('x := net.cidr_merge(["2601:600::1"])').message).toContain("IPv6 invalid: needs prefix length");
  });
});

describe("rand.intn", () => {
  it("is in range and the same for the same arguments within an evaluation", () => {
    expect(value('x := count({rand.intn("k", 100) | numbers.range(1, 50)[_]})')).toBe(1);
    const n = value('x := rand.intn("k", 10)') as number;
    expect(n >= 0 && n < 10).toBe(true);
    expect(value('x := rand.intn("k", 0)')).toBe(0);
  });
});

describe("rego.metadata and rego.parse_module", () => {
  const module = `# METADATA
# description: The package
package meta

# METADATA
# title: The rule
# authors:
# - Jane Doe <jane@example.com>
x := [rego.metadata.rule(), rego.metadata.chain()]
`;

  it("gives the annotations of the rule the call is in, and its chain", () => {
    const [rule, chain] = compile({ modules: [{ file: "m.rego", source: module }] }).evalRef("data.meta.x") as [unknown, unknown];
    expect(rule).toEqual({ scope: "rule", title: "The rule", authors: [{ name: "Jane Doe", email: "jane@example.com" }] });
    expect(chain).toEqual([
      { path: ["meta", "x"], annotations: { scope: "rule", title: "The rule", authors: [{ name: "Jane Doe", email: "jane@example.com" }] } },
      { path: ["meta"], annotations: { scope: "package", description: "The package" } },
    ]);
  });

  it("parses a module into OPA's AST JSON", () => {
    expect(value('x := rego.parse_module("x.rego", "package foo.bar\\n\\np if { true }")["package"].path[1].value')).toBe("foo");
    expect(strictError('x := rego.parse_module("x.rego", "package foo.")').message).toContain("rego_parse_error: unexpected eof token: expected ident");
  });
});

describe("providers.aws.sign_req", () => {
  it("signs with AWS Signature Version 4 as OPA does", () => {
    const signed = value('x := providers.aws.sign_req({"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}}, {"aws_access_key": "MYAWSACCESSKEYGOESHERE", "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE", "aws_service": "s3", "aws_region": "us-east-1"}, 1451311705000000000)') as { headers: Record<string, string> };
    expect(signed.headers["x-amz-date"]).toBe("20151228T140825Z");
    expect(signed.headers.Authorization).toBe("AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=8f1dc7c9b9978356a0d0989fd26a95307f4f8a4aa264d8220647b7097d839952");
  });

  it("names missing and invalid parameters", () => {
    expect(strictError('x := providers.aws.sign_req({}, {}, 0)').message).toContain('operand 1 missing required request parameters(s): {"method", "url"}');
    expect(strictError('x := providers.aws.sign_req({"method": "get", "url": "u"}, {"aws_access_key": 1, "aws_secret_access_key": 2, "aws_service": 3, "aws_region": 4}, 0)').message).toContain("operand 2 invalid values for required AWS config parameters(s)");
  });
});

describe("strings.render_template", () => {
  it("renders Go text/template fields, range, if/else and with", () => {
    expect(value('x := strings.render_template("Hello {{.name}}!", {"name": "world"})')).toBe("Hello world!");
    expect(value('x := strings.render_template("{{range $i, $v := .list}}{{$i}}={{$v}};{{end}}", {"list": ["a", "b"]})')).toBe("0=a;1=b;");
    expect(value('x := strings.render_template("{{if .ok}}yes{{else if eq .n 2}}two{{else}}no{{end}}", {"ok": false, "n": 2})')).toBe("two");
    expect(value('x := strings.render_template("{{range .m}}{{.}},{{else}}empty{{end}}|{{range .e}}x{{else}}empty{{end}}", {"m": {"b": 2, "a": 1}, "e": []})')).toBe("1,2,|empty");
    expect(value('x := strings.render_template("{{- .x -}}  \\n {{with .o}}{{.k}}{{end}}", {"x": [1, null], "o": {"k": "v"}})')).toBe("[1 <nil>]v");
  });
});

describe("time.parse_ns", () => {
  it("accepts a fractional second after the seconds, as Go's time.Parse does", () => {
    expect(value('x := time.parse_ns("2006-01-02T15:04:05Z07:00", "2023-01-01T00:00:00.5Z")')).toBe(1672531200500000000n);
    expect(value('x := time.parse_ns("2006-01-02T15:04:05Z07:00", "2023-01-01T00:00:00Z")')).toBe(1672531200000000000n);
  });
});

describe.skipIf(!hasTool("openssl"))("crypto.x509 (certificates made with openssl)", () => {
  let cert = "";
  let key = "";
  let csr = "";
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mergegate-x509-"));
    const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/C=US/O=Example Org/CN=example.com", "-addext", "subjectAltName=DNS:example.com,URI:spiffe://example.com/opa");
    run("req", "-new", "-key", "key.pem", "-out", "csr.pem", "-subj", "/C=DE/CN=request.example.com");
    cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
    key = readFileSync(path.join(dir, "key.pem"), "utf8");
    csr = readFileSync(path.join(dir, "csr.pem"), "utf8");
    rmSync(dir, { recursive: true, force: true });
  });

  it("parses certificates with Subject as Go's pkix.Name and the SANs", () => {
    const [parsed] = value("x := crypto.x509.parse_certificates(input.cert)", { cert }) as [{ Subject: Record<string, unknown>; DNSNames: string[]; URIStrings: string[] }];
    expect(parsed.Subject).toMatchObject({ CommonName: "example.com", Country: ["US"], Organization: ["Example Org"], Locality: null });
    expect(parsed.DNSNames).toEqual(["example.com"]);
    expect(parsed.URIStrings).toEqual(["spiffe://example.com/opa"]);
    expect(value("x := crypto.x509.parse_certificates(base64.encode(input.cert))[0].Subject.CommonName", { cert })).toBe("example.com");
  });

  it("parses certificate requests and key pairs", () => {
    expect(value("x := crypto.x509.parse_certificate_request(input.csr).Subject", { csr })).toMatchObject({ CommonName: "request.example.com", Country: ["DE"] });
    const pair = value("x := crypto.x509.parse_keypair(input.cert, input.key)", { cert, key }) as { Certificate: string[] };
    expect(pair.Certificate[0]).toBe(cert.replace(/-----[A-Z ]+-----|\s+/g, ""));
  });

  it("verifies a self-signed chain of one as not a chain", () => {
    expect(value("x := crypto.x509.parse_and_verify_certificates(input.cert)", { cert })).toEqual([false, []]);
  });
});
