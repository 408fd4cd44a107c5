// Token builtins: io.jwt.decode, decode_verify, verify_* and encode_sign(_raw), with node's crypto for every JWS algorithm.

import { createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify, X509Certificate, constants, type KeyObject } from "node:crypto";
import { isNumber, ObjectValue, plainNumber, stringifyJSON, toJSON, type Value } from "../values.js";
import { parseJSON } from "./encoding.js";
import { BuiltinFailure, T, type Builtin, type BuiltinContext } from "./registry.js";

interface Token {
  header: ObjectValue;
  payload: Value;
  signature: Buffer;
  signed: string;
  /** The token nested inside this one (header cty "JWT"), verified with the same constraints. */
  inner: Token | undefined;
}

/** Go's base64.RawURLEncoding decode (trailing padding tolerated), with its error offsets. */
function base64UrlBytes(text: string, part: string): Buffer {
  const body = text.replace(/=+$/, "");
  const invalid = /[^A-Za-z0-9_-]/.exec(body);
  if (invalid || body.length % 4 === 1) throw new BuiltinFailure(`JWT ${part} had invalid encoding: illegal base64 data at input byte ${invalid ? invalid.index : body.length - 1}`);
  return Buffer.from(body, "base64url");
}

function jsonPart(bytes: Buffer, part: string): Value {
  try {
    return parseJSON(bytes.toString("utf8"));
  } catch {
    throw new BuiltinFailure(`JWT ${part} had invalid JSON`);
  }
}

export function decodeToken(token: string): Token {
  if (!token.includes(".")) throw new BuiltinFailure("encoded JWT had no period separators");
  const parts = token.split(".");
  if (parts.length !== 3) throw new BuiltinFailure(`encoded JWT must have 3 sections, found ${parts.length}`);
  const [headerText, payloadText, signatureText] = parts as [string, string, string];
  const header = jsonPart(base64UrlBytes(headerText, "header"), "header");
  if (!(header instanceof ObjectValue)) throw new BuiltinFailure("JWT header was not a JSON object");
  if (header.has("enc")) throw new BuiltinFailure("JWT is a JWE object, which is not supported");
  const payloadBytes = base64UrlBytes(payloadText, "payload");
  const signature = base64UrlBytes(signatureText, "signature");
  const signed = `${headerText}.${payloadText}`;
  if (header.get("cty") === "JWT") {
    const nested = jsonPart(payloadBytes, "payload");
    const innerText = typeof nested === "string" ? nested : payloadBytes.toString("utf8");
    return { header, payload: nested, signature, signed, inner: decodeToken(innerText) };
  }
  const payload = jsonPart(payloadBytes, "payload");
  if (!(payload instanceof ObjectValue)) throw new BuiltinFailure("type is JWT but payload is not JSON");
  return { header, payload, signature, signed, inner: undefined };
}

function innermost(token: Token): Token {
  return token.inner ? innermost(token.inner) : token;
}

const hashes: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };

/** Public keys from a PEM certificate, a PEM public key, or a JWK / JWK set. */
export function publicKeys(material: string): KeyObject[] {
  const text = material.trim();
  if (text.startsWith("-----BEGIN CERTIFICATE-----")) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (text.replace(blocks.join(""), "").trim() !== "" && blocks.length === 1) throw new BuiltinFailure("extra data after a PEM certificate block");
    try {
      return blocks.map((block) => new X509Certificate(block).publicKey);
    } catch {
      throw new BuiltinFailure("failed to parse a PEM certificate");
    }
  }
  if (text.startsWith("-----BEGIN")) {
    try {
      return [createPublicKey(text)];
    } catch {
      throw new BuiltinFailure("failed to extract a Key from the PEM certificate");
    }
  }
  try {
    const json = JSON.parse(text) as { keys?: unknown[] };
    const jwks = Array.isArray(json.keys) ? json.keys : [json];
    return jwks.map((jwk) => createPublicKey({ key: jwk as never, format: "jwk" }));
  } catch {
    throw new BuiltinFailure("failed to parse a JWK key (set)");
  }
}

function verifySignature(algorithm: string, signed: string, signature: Buffer, key: KeyObject | string): boolean {
  const family = algorithm.slice(0, 2);
  const hash = hashes[algorithm.slice(2)];
  const data = Buffer.from(signed);
  try {
    if (family === "HS" && hash) {
      const expected = createHmac(hash, key as string).update(data).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    if (typeof key === "string") return false;
    if (algorithm === "EdDSA") return verify(null, data, key, signature);
    if (family === "RS" && hash) return verify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    if (family === "PS" && hash) return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
    if (family === "ES" && hash) return verify(hash, data, { key, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    return false;
  }
  return false;
}

function verifyWith(algorithm: string): Builtin {
  return {
    name: `io.jwt.verify_${algorithm.toLowerCase()}`,
    args: [T.string, T.string],
    result: T.boolean,
    implementation: ([token, material]) => {
      const parts = (token as string).split(".");
      if (parts.length !== 3) throw new BuiltinFailure(`encoded JWT must have 3 sections, found ${parts.length}`);
      const signature = base64UrlBytes(parts[2] as string, "signature");
      const signed = `${parts[0]}.${parts[1]}`;
      if (algorithm.startsWith("HS")) return verifySignature(algorithm, signed, signature, material as string);
      return publicKeys(material as string).some((key) => verifySignature(algorithm, signed, signature, key));
    },
  };
}

interface Constraints {
  keys: KeyObject[] | undefined;
  secret: string | undefined;
  algorithm: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  time: number;
}

function constraintsOf(value: ObjectValue, context: BuiltinContext): Constraints {
  const constraints: Constraints = { keys: undefined, secret: undefined, algorithm: undefined, issuer: undefined, audience: undefined, time: Number(context.now()) };
  for (const [key, item] of value.sortedEntries()) {
    if (key === "cert") constraints.keys = publicKeys(item as string);
    else if (key === "secret") constraints.secret = item as string;
    else if (key === "alg") constraints.algorithm = item as string;
    else if (key === "iss") constraints.issuer = item as string;
    else if (key === "aud") constraints.audience = item as string;
    else if (key === "time") constraints.time = Number(item);
    else throw new BuiltinFailure(`unknown token validation constraint: ${key as string}`);
  }
  if ((constraints.keys === undefined) === (constraints.secret === undefined)) throw new BuiltinFailure("exactly one of 'cert' or 'secret' must be supplied");
  return constraints;
}

function claimSeconds(payload: ObjectValue, claim: string): number | undefined {
  const value = payload.get(claim);
  if (value === undefined) return undefined;
  if (!isNumber(value)) throw new BuiltinFailure(`${claim} value must be a number`);
  return Number(plainNumber(value));
}

function verified(token: Token, constraints: Constraints): boolean {
  const algorithm = token.header.get("alg");
  if (typeof algorithm !== "string") return false;
  if (constraints.algorithm !== undefined && constraints.algorithm !== algorithm) return false;
  const crit = token.header.get("crit");
  if (crit !== undefined) return false;
  const good = constraints.secret !== undefined
    ? verifySignature(algorithm, token.signed, token.signature, constraints.secret)
    : (constraints.keys ?? []).some((key) => verifySignature(algorithm, token.signed, token.signature, key));
  return good && (token.inner === undefined || verified(token.inner, constraints));
}

function claimsHold(payload: ObjectValue, constraints: Constraints): boolean {
  const expires = claimSeconds(payload, "exp");
  const notBefore = claimSeconds(payload, "nbf");
  if (expires !== undefined && constraints.time >= expires * 1e9) return false;
  if (notBefore !== undefined && constraints.time < notBefore * 1e9) return false;
  if (constraints.issuer !== undefined && payload.get("iss") !== constraints.issuer) return false;
  const audience = payload.get("aud");
  if (constraints.audience === undefined) return audience === undefined;
  if (typeof audience === "string") return audience === constraints.audience;
  return Array.isArray(audience) && audience.includes(constraints.audience);
}

function decodeVerify([token, constraintValue]: Value[], context: BuiltinContext): Value {
  const constraints = constraintsOf(constraintValue as ObjectValue, context);
  const decoded = decodeToken(token as string);
  const failure = [false, new ObjectValue(), new ObjectValue()];
  if (!verified(decoded, constraints)) return failure;
  const inner = innermost(decoded);
  if (!claimsHold(inner.payload as ObjectValue, constraints)) return failure;
  return [true, inner.header, inner.payload];
}

/** A private key (or HMAC secret) from a JWK. */
function signingKey(jwk: Record<string, unknown>): KeyObject | Buffer {
  if (jwk.kty === "oct") return Buffer.from(String(jwk.k ?? ""), "base64url");
  try {
    return createPrivateKey({ key: jwk as never, format: "jwk" });
  } catch {
    throw new BuiltinFailure("failed to parse a JWK key (set)");
  }
}

function signToken(headerText: string, payloadText: string, jwkText: string): string {
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(headerText) as Record<string, unknown>;
  } catch (error) {
    throw new BuiltinFailure(`missing or invalid 'alg' header: cannot parse JSON: ${headerText === "" ? "cannot parse empty string" : (error as Error).message}`);
  }
  const algorithm = header.alg;
  if (typeof algorithm !== "string") throw new BuiltinFailure(`missing or invalid 'alg' header: jwsbb: header "alg" not found`);
  if (header.typ === "JWT" && !isJSONObject(payloadText)) throw new BuiltinFailure("type is JWT but payload is not JSON");
  const signed = `${Buffer.from(headerText).toString("base64url")}.${Buffer.from(payloadText).toString("base64url")}`;
  const key = signingKey(parseKeyJSON(jwkText));
  const hash = hashes[algorithm.slice(2)];
  const data = Buffer.from(signed);
  let signature: Buffer;
  if (algorithm.startsWith("HS") && hash) signature = createHmac(hash, key as Buffer).update(data).digest();
  else if (algorithm === "EdDSA") signature = sign(null, data, key as KeyObject);
  else if (algorithm.startsWith("RS") && hash) signature = sign(hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PADDING });
  else if (algorithm.startsWith("PS") && hash) signature = sign(hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
  else if (algorithm.startsWith("ES") && hash) signature = sign(hash, data, { key: key as KeyObject, dsaEncoding: "ieee-p1363" });
  else throw new BuiltinFailure(`unknown signature algorithm: ${algorithm}`);
  return `${signed}.${signature.toString("base64url")}`;
}

function isJSONObject(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

function parseKeyJSON(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new BuiltinFailure("failed to parse a JWK key (set)");
  }
}

function encodeSign([header, payload, key]: Value[]): Value {
  if (!(payload instanceof ObjectValue)) throw new BuiltinFailure("payload must be an object");
  return signToken(stringifyJSON(header as Value), stringifyJSON(payload), JSON.stringify(toJSON(key as Value)));
}

const algorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA"];

export const jwtBuiltins: Builtin[] = [
  {
    name: "io.jwt.decode",
    args: [T.string],
    result: T.array,
    implementation: ([token]) => {
      const decoded = innermost(decodeToken(token as string));
      return [decoded.header, decoded.payload, decoded.signature.toString("hex")];
    },
  },
  { name: "io.jwt.decode_verify", args: [T.string, T.object], result: T.array, implementation: decodeVerify },
  ...algorithms.map(verifyWith),
  { name: "io.jwt.encode_sign", args: [T.object, T.object, T.object], result: T.string, implementation: encodeSign },
  {
    name: "io.jwt.encode_sign_raw",
    args: [T.string, T.string, T.string],
    result: T.string,
    implementation: ([header, payload, key]) => signToken(header as string, payload as string, key as string),
  },
];
