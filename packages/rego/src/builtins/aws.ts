// providers.aws.sign_req: signs an http.send request object with AWS Signature Version 4, as OPA does
// (the request comes back with Authorization, host, x-amz-date, x-amz-content-sha256 and, with a session token,
// x-amz-security-token headers).

import { createHash, createHmac } from "node:crypto";
import { formatValue, ObjectValue, SetValue, stringifyJSON, type Value } from "../values.js";
import { isInteger, type PlainNumber, type RegoNumber } from "./numbers.js";
import { OperandError, T, type Builtin } from "./registry.js";

const requiredConfig = ["aws_access_key", "aws_secret_access_key", "aws_service", "aws_region"];

function keySet(keys: string[]): string {
  return formatValue(new SetValue(keys));
}

function requireKeys(object: ObjectValue, keys: string[], position: number, what: string): void {
  const missing = keys.filter((key) => object.get(key) === undefined);
  if (missing.length > 0) throw new OperandError(`operand ${position} missing required ${what} parameters(s): ${keySet(missing)}`);
  const invalid = keys.filter((key) => typeof object.get(key) !== "string");
  if (invalid.length > 0) throw new OperandError(`operand ${position} invalid values for required ${what} parameters(s): ${keySet(invalid)}`);
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (every byte but unreserved characters). */
function uriEncode(text: string, keepSlash: boolean): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => "%" + (char.codePointAt(0) as number).toString(16).toUpperCase()).replace(keepSlash ? /%2F/g : /$^/, "/");
}

/** `20151228T140825Z` for a time in nanoseconds. */
function amzDate(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function signRequest([request, config, time]: Value[]): Value {
  const req = request as ObjectValue;
  const aws = config as ObjectValue;
  requireKeys(req, ["method", "url"], 1, "request");
  requireKeys(aws, requiredConfig, 2, "AWS config");
  const unsignedSetting = aws.get("disable_payload_signing");
  if (unsignedSetting !== undefined && typeof unsignedSetting !== "boolean") throw new OperandError("operand 2 invalid value for 'disable_payload_signing' in AWS config");
  if (!isInteger(time as RegoNumber) || BigInt(time as PlainNumber) < 0n) throw new OperandError("operand 3 could not convert time_ns value into a unix timestamp");
  const url = new URL(req.get("url") as string);
  const body = req.get("raw_body") ?? req.get("body");
  const payload = body === undefined ? "" : typeof body === "string" ? body : stringifyJSON(body);
  const stamp = amzDate(BigInt(time as PlainNumber));
  const date = stamp.slice(0, 8);
  const region = aws.get("aws_region") as string;
  const service = aws.get("aws_service") as string;
  const token = aws.get("aws_session_token");
  const headers = new Map<string, string>();
  const given = req.get("headers");
  if (given instanceof ObjectValue) for (const [name, value] of given.sortedEntries()) headers.set(String(name).toLowerCase(), typeof value === "string" ? value : formatValue(value));
  headers.set("host", url.host);
  headers.set("x-amz-date", stamp);
  headers.set("x-amz-content-sha256", unsignedSetting === true ? "UNSIGNED-PAYLOAD" : sha256(payload));
  if (typeof token === "string") headers.set("x-amz-security-token", token);
  const names = [...headers.keys()].sort();
  const query = [...url.searchParams].map(([key, value]) => `${uriEncode(key, false)}=${uriEncode(value, false)}`).sort().join("&");
  // As OPA (Go's net/http request): the method as written, and the URL's path as Go parses it ("" when there is none).
  const path = /^[^:]+:\/\/[^/?#]*([^?#]*)/.exec(req.get("url") as string)?.[1] ?? "";
  const canonical = [
    req.get("method") as string,
    uriEncode(decodeURIComponent(path), true),
    query,
    names.map((name) => `${name}:${(headers.get(name) as string).trim().replace(/\s+/g, " ")}\n`).join(""),
    names.join(";"),
    headers.get("x-amz-content-sha256") as string,
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${aws.get("aws_secret_access_key") as string}`, date), region), service), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  const signed = req.copy();
  const resultHeaders = given instanceof ObjectValue ? given.copy() : new ObjectValue();
  for (const name of names) if (!(given instanceof ObjectValue && given.get(name) !== undefined)) resultHeaders.set(name, headers.get(name) as string);
  resultHeaders.set("Authorization", `AWS4-HMAC-SHA256 Credential=${aws.get("aws_access_key") as string}/${scope},SignedHeaders=${names.join(";")},Signature=${signature}`);
  signed.set("headers", resultHeaders);
  return signed;
}

export const awsBuiltins: Builtin[] = [{ name: "providers.aws.sign_req", args: [T.object, T.object, T.number], result: T.object, implementation: signRequest }];
