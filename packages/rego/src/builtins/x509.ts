// X.509 as OPA returns it (Go's crypto/x509 structures as JSON): certificates with pkix.Name subjects and issuers,
// certificate requests, key pairs and chain verification. Names are read from the DER, everything else via node.

import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { isIP } from "node:net";
import { fromJSON, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

interface Der {
  tag: number;
  content: Buffer;
  children: Der[];
}

/** One DER TLV at `offset` and where it ends. */
function readDer(buffer: Buffer, offset: number): [Der, number] {
  const tag = buffer[offset] as number;
  let length = buffer[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (buffer[start + i] as number);
    start += bytes;
  }
  const end = start + length;
  if (Number.isNaN(tag) || end > buffer.length) throw new BuiltinFailure("asn1: syntax error: data truncated");
  const content = buffer.subarray(start, end);
  const children: Der[] = [];
  if (tag & 0x20) for (let position = 0; position < content.length; ) {
    const [child, next] = readDer(content, position);
    children.push(child);
    position = next;
  }
  return [{ tag, content, children }, end];
}

function oid(content: Buffer): number[] {
  const first = content[0] as number;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts;
}

function directoryString(node: Der): string {
  if (node.tag === 0x1e) return Buffer.from(node.content).swap16().toString("utf16le");
  if (node.tag === 0x14) return node.content.toString("latin1");
  return node.content.toString("utf8");
}

/** pkix.Name fields by attribute OID (2.5.4.x), as Go fills them. */
const nameFields: Record<string, [string, boolean]> = {
  "2.5.4.6": ["Country", true],
  "2.5.4.10": ["Organization", true],
  "2.5.4.11": ["OrganizationalUnit", true],
  "2.5.4.7": ["Locality", true],
  "2.5.4.8": ["Province", true],
  "2.5.4.9": ["StreetAddress", true],
  "2.5.4.17": ["PostalCode", true],
  "2.5.4.5": ["SerialNumber", false],
  "2.5.4.3": ["CommonName", false],
};

/** Go's pkix.Name (JSON-encoded) from a DER Name. */
function pkixName(name: Der): Record<string, unknown> {
  const result: Record<string, unknown> = { Country: null, Organization: null, OrganizationalUnit: null, Locality: null, Province: null, StreetAddress: null, PostalCode: null, SerialNumber: "", CommonName: "", Names: [], ExtraNames: null };
  const names: unknown[] = [];
  for (const set of name.children) {
    for (const attribute of set.children) {
      const [type, value] = attribute.children as [Der, Der];
      const id = oid(type.content);
      const text = directoryString(value);
      names.push({ Type: id, Value: text });
      const field = nameFields[id.join(".")];
      if (!field) continue;
      if (field[1]) result[field[0]] = [...((result[field[0]] as string[] | null) ?? []), text];
      else result[field[0]] = text;
    }
  }
  result.Names = names;
  return result;
}

/** Subject alternative names from node's `subjectAltName` text (`DNS:a, URI:b, IP Address:c, email:d`). */
function alternativeNames(text: string | undefined): { DNSNames: string[] | null; EmailAddresses: string[] | null; IPAddresses: string[] | null; URIStrings: string[] | null } {
  const groups: Record<string, string[]> = {};
  for (const entry of (text ?? "").split(/, (?=[A-Za-z ]+:)/)) {
    const index = entry.indexOf(":");
    if (index < 0) continue;
    (groups[entry.slice(0, index)] ??= []).push(entry.slice(index + 1).replace(/^"|"$/g, ""));
  }
  const list = (key: string) => groups[key] ?? null;
  return { DNSNames: list("DNS"), EmailAddresses: list("email"), IPAddresses: list("IP Address")?.filter((address) => isIP(address)) ?? null, URIStrings: list("URI") };
}

function certificateJSON(certificate: X509Certificate): Value {
  const [root] = readDer(certificate.raw, 0);
  const tbs = root.children[0] as Der;
  const offset = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  const version = offset === 1 ? ((tbs.children[0]?.children[0]?.content[0] ?? 0) as number) + 1 : 1;
  const serial = BigInt(`0x${certificate.serialNumber}`);
  return fromJSON({
    Raw: certificate.raw.toString("base64"),
    Version: version,
    SerialNumber: serial,
    Issuer: pkixName(tbs.children[offset + 2] as Der),
    Subject: pkixName(tbs.children[offset + 4] as Der),
    NotBefore: new Date(certificate.validFrom).toISOString().replace(/\.000Z$/, "Z"),
    NotAfter: new Date(certificate.validTo).toISOString().replace(/\.000Z$/, "Z"),
    IsCA: certificate.ca,
    ...alternativeNames(certificate.subjectAltName),
  });
}

/** PEM text, or base64 of PEM or DER, as OPA accepts; malformed base64 fails as Go's decoder does. */
function decodeInput(text: string): { pem: string | undefined; der: Buffer | undefined } {
  if (text.includes("-----BEGIN")) return { pem: text, der: undefined };
  const body = text.replace(/\s+/g, "");
  const invalid = /[^A-Za-z0-9+/=]/.exec(body);
  if (invalid || body.length % 4 !== 0) throw new BuiltinFailure(`illegal base64 data at input byte ${invalid ? invalid.index : body.length - (body.length % 4)}`);
  const bytes = Buffer.from(body, "base64");
  const decoded = bytes.toString("utf8");
  return decoded.includes("-----BEGIN") ? { pem: decoded, der: undefined } : { pem: undefined, der: bytes };
}

function pemBlocks(pem: string, label: string): Buffer[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, "g");
  return [...pem.matchAll(pattern)].map((match) => Buffer.from((match[1] as string).replace(/\s+/g, ""), "base64"));
}

/** DER certificates of the input, concatenated DER included. */
function certificateDers(text: string): Buffer[] {
  const { pem, der } = decodeInput(text);
  if (pem !== undefined) return pemBlocks(pem, "CERTIFICATE");
  const ders: Buffer[] = [];
  try {
    for (let offset = 0; offset < (der as Buffer).length; ) {
      const [, end] = readDer(der as Buffer, offset);
      ders.push((der as Buffer).subarray(offset, end));
      offset = end;
    }
  } catch {
    throw new BuiltinFailure("x509: malformed certificate");
  }
  return ders;
}

export function parseCertificates(text: string): X509Certificate[] {
  const ders = certificateDers(text);
  try {
    return ders.map((der) => new X509Certificate(der));
  } catch {
    throw new BuiltinFailure("x509: malformed certificate");
  }
}

function certificateRequest([text]: Value[]): Value {
  const { pem, der } = decodeInput(text as string);
  const raw = pem !== undefined ? pemBlocks(pem, "CERTIFICATE REQUEST")[0] : der;
  if (!raw) throw new BuiltinFailure("invalid PEM-encoded certificate signing request");
  const [root] = readDer(raw, 0);
  const info = root.children[0];
  if (!info || info.children.length < 3) throw new BuiltinFailure("asn1: structure error: certificate request malformed");
  return fromJSON({ Raw: raw.toString("base64"), Version: (info.children[0]?.content[0] ?? 0) as number, Subject: pkixName(info.children[1] as Der), DNSNames: null, EmailAddresses: null, IPAddresses: null, URIs: null });
}

function privateKeyOf(text: string): KeyObject {
  const { pem, der } = decodeInput(text);
  try {
    return pem !== undefined ? createPrivateKey(pem) : createPrivateKey({ key: der as Buffer, format: "der", type: "pkcs8" });
  } catch {
    throw new BuiltinFailure("tls: failed to find any PEM data in key input");
  }
}

/** Go's tls.X509KeyPair as JSON: the chain's DER (base64), the parsed leaf and the private key's numbers. */
function keyPair([certText, keyText]: Value[]): Value {
  const certificates = parseCertificates(certText as string);
  if (certificates.length === 0) throw new BuiltinFailure("tls: failed to find any PEM data in certificate input");
  const key = privateKeyOf(keyText as string);
  const leaf = certificates[0] as X509Certificate;
  const spki = (object: KeyObject) => object.export({ format: "der", type: "spki" }).toString("base64");
  if (spki(createPublicKey(key)) !== spki(leaf.publicKey)) throw new BuiltinFailure("tls: private key does not match public key");
  const jwk = key.export({ format: "jwk" }) as Record<string, string>;
  const number = (field: string | undefined) => (field === undefined ? null : BigInt(`0x${Buffer.from(field, "base64url").toString("hex") || "0"}`));
  const privateKey = jwk.kty === "RSA" ? { N: number(jwk.n), E: Number(number(jwk.e)), D: number(jwk.d), Primes: [number(jwk.p), number(jwk.q)] } : { X: number(jwk.x), Y: number(jwk.y), D: number(jwk.d) };
  return fromJSON({ Certificate: certificates.map((certificate) => certificate.raw.toString("base64")), PrivateKey: privateKey, Leaf: null, OCSPStaple: null, SignedCertificateTimestamps: null, SupportedSignatureAlgorithms: null });
}

/** [true, certificates] when each certificate is signed by the next, the last one signs itself and all are in date. */
function parseAndVerify([text]: Value[]): Value {
  let certificates: X509Certificate[];
  try {
    certificates = parseCertificates(text as string);
  } catch {
    return [false, []];
  }
  const now = Date.now();
  const signedByNext = certificates.every((certificate, index) => {
    const issuer = certificates[index + 1] ?? certificate;
    return certificate.verify(issuer.publicKey) && Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
  });
  if (certificates.length < 2 || !signedByNext) return [false, []];
  return [true, certificates.map(certificateJSON)];
}

export const x509Builtins: Builtin[] = [
  { name: "crypto.x509.parse_certificates", args: [T.string], result: T.array, implementation: ([text]) => parseCertificates(text as string).map(certificateJSON) },
  { name: "crypto.x509.parse_certificate_request", args: [T.string], result: T.object, implementation: certificateRequest },
  { name: "crypto.x509.parse_keypair", args: [T.string, T.string], result: T.object, implementation: keyPair },
  { name: "crypto.x509.parse_and_verify_certificates", args: [T.string], result: T.array, implementation: parseAndVerify },
];
