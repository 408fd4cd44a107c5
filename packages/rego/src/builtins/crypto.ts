// Cryptography builtins with node's crypto: hashes, HMACs, and x509 / key parsing.

import { createHash, createHmac, createPrivateKey, timingSafeEqual } from "node:crypto";
import { fromJSON, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

const hash = (name: string, algorithm: string): Builtin => ({
  name,
  args: [T.string],
  result: T.string,
  implementation: ([text]) => createHash(algorithm).update(text as string).digest("hex"),
});

const hmac = (name: string, algorithm: string): Builtin => ({
  name,
  args: [T.string, T.string],
  result: T.string,
  implementation: ([text, key]) => createHmac(algorithm, key as string).update(text as string).digest("hex"),
});

function hmacEqual([a, b]: Value[]): Value {
  const left = Buffer.from(a as string);
  const right = Buffer.from(b as string);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** PEM text, or base64-encoded PEM/DER as OPA also accepts (malformed base64 fails as Go's decoder does). */
function pemText(text: string): string {
  if (text.includes("-----BEGIN") || text.trim() === "") return text;
  const body = text.replace(/\s+/g, "");
  const invalid = /[^A-Za-z0-9+/=]/.exec(body);
  if (invalid || body.length % 4 !== 0) throw new BuiltinFailure(`illegal base64 data at input byte ${invalid ? invalid.index : body.length - (body.length % 4)}`);
  const decoded = Buffer.from(body, "base64").toString("utf8");
  return decoded.includes("-----BEGIN") ? decoded : text;
}

function privateKeyJWK([text]: Value[]): Value {
  const source = pemText(text as string);
  try {
    return fromJSON(createPrivateKey(source).export({ format: "jwk" }));
  } catch {
    throw new BuiltinFailure("failed to parse a PEM private key");
  }
}

function privateKeys([text]: Value[]): Value {
  const source = pemText(text as string);
  if (source.trim() === "") return null;
  const blocks = source.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
  return blocks.map((block) => privateKeyJWK([block]));
}

export const cryptoBuiltins: Builtin[] = [
  hash("crypto.md5", "md5"),
  hash("crypto.sha1", "sha1"),
  hash("crypto.sha256", "sha256"),
  hmac("crypto.hmac.md5", "md5"),
  hmac("crypto.hmac.sha1", "sha1"),
  hmac("crypto.hmac.sha256", "sha256"),
  hmac("crypto.hmac.sha512", "sha512"),
  { name: "crypto.hmac.equal", args: [T.string, T.string], result: T.boolean, implementation: hmacEqual },
  { name: "crypto.x509.parse_rsa_private_key", args: [T.string], result: T.object, implementation: privateKeyJWK },
  { name: "crypto.parse_private_keys", args: [T.string], result: T.array, implementation: privateKeys },
];
