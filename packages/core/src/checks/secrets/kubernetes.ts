// Kubernetes-aware secret checks on a YAML file's documents: plaintext Secrets (unless SOPS-encrypted),
// SealedSecrets that carry plaintext, secret-looking env literals, secretGenerator literals, SOPS files
// left partly unencrypted — and base64-decoded Secret data scanned with the detectors.
import { isObject } from "../../render/resource.js";
import { findNode, lineColumnOf, lineStartsOf, nodeRange, pointerSegments, segmentsToPointer } from "../../repo/positions.js";
import type { Location, SourceFile } from "../../types.js";
import { isPlaceholder, looksLikeNonSecret } from "./entropy.js";
import { Re2Pattern } from "./re2.js";
import { scanText } from "./scan-text.js";

export interface KubernetesSecretFinding {
  rule: string;
  message: string;
  location: Location;
  /** The value that must never be printed (also the fingerprint's subject). */
  secret: string;
}

export interface KubernetesScan {
  findings: KubernetesSecretFinding[];
  /** Lines whose values are encrypted (SealedSecret) or already reported as a Secret: the generic detector skips them. */
  genericSkips: Set<number>;
}

const secretName = /(password|passwd|secret|token|api_?key|apikey|private_?key|credentials?|access_?key)/i;

export function scanKubernetes(file: SourceFile): KubernetesScan {
  const scan: KubernetesScan = { findings: [], genericSkips: new Set() };
  if (!/Secret|secretGenerator|sops|env/.test(file.text)) return scan; // nothing here a Kubernetes-aware rule looks at
  file.values.forEach((value, index) => {
    if (!isObject(value)) return;
    const at = (pointer: string): Location => locationOf(file, index, pointer);
    const skip = (pointer: string): void => {
      scan.genericSkips.add(at(pointer).line);
    };
    if (isObject(value["sops"])) {
      scanSops(value, at, scan);
      return;
    }
    if (value["kind"] === "Secret") scanSecret(value, at, skip, scan);
    if (value["kind"] === "SealedSecret") scanSealedSecret(value, at, skip, scan);
    if (isObject(value["secretGenerator"]) || Array.isArray(value["secretGenerator"])) scanSecretGenerator(value, at, scan);
    scanEnvLiterals(value, [], at, scan);
  });
  for (const finding of scan.findings) scan.genericSkips.add(finding.location.line);
  return scan;
}

function locationOf(file: SourceFile, documentIndex: number, pointer: string): Location {
  const document = file.documents[documentIndex];
  const match = document === undefined ? null : findNode(document, pointerSegments(pointer));
  if (match === null) return { file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const [start, end] = nodeRange(match.anchor);
  const from = lineColumnOf(file.lineStarts, start);
  const to = lineColumnOf(file.lineStarts, Math.max(start, end));
  return { file: file.path, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function stringEntries(value: unknown): [string, string][] {
  return isObject(value) ? Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "") : [];
}

function scanSecret(value: Record<string, unknown>, at: (pointer: string) => Location, skip: (pointer: string) => void, scan: KubernetesScan): void {
  const data = stringEntries(value["data"]).map(([key, encoded]) => ({ field: "data", key, raw: encoded, plain: Buffer.from(encoded, "base64").toString("utf8") }));
  const stringData = stringEntries(value["stringData"]).map(([key, plain]) => ({ field: "stringData", key, raw: plain, plain }));
  const entries = [...data, ...stringData];
  if (entries.length === 0) return;
  const name = isObject(value["metadata"]) && typeof value["metadata"]["name"] === "string" ? value["metadata"]["name"] : "(unnamed)";
  for (const entry of entries) skip(segmentsToPointer([entry.field, entry.key]));
  const first = entries[0];
  if (first === undefined) return;
  scan.findings.push({
    rule: "secrets/plaintext-k8s-secret",
    message: `Secret ${name} holds plaintext values in ${[...new Set(entries.map((entry) => entry.field))].join(" and ")} (${entries.map((entry) => entry.key).join(", ")}); commit a SealedSecret, an ExternalSecret or a SOPS-encrypted file instead`,
    location: at(segmentsToPointer([first.field, first.key])),
    secret: entries.map((entry) => entry.raw).join("\u0000"),
  });
  for (const entry of data) {
    const decoded = entry.plain;
    for (const match of scanText(decoded, lineStartsOf(decoded))) {
      if (match.detector.id === "secrets/generic-assignment") continue;
      scan.findings.push({
        rule: match.detector.id,
        message: `${match.detector.description.replace(/\.$/, "")} in the base64-decoded value of ${entry.key}`,
        location: at(segmentsToPointer(["data", entry.key])),
        secret: match.secret,
      });
    }
  }
}

function scanSealedSecret(value: Record<string, unknown>, at: (pointer: string) => Location, skip: (pointer: string) => void, scan: KubernetesScan): void {
  const spec = isObject(value["spec"]) ? value["spec"] : {};
  for (const [key] of stringEntries(spec["encryptedData"])) skip(segmentsToPointer(["spec", "encryptedData", key]));
  const template = isObject(spec["template"]) ? spec["template"] : {};
  const plaintext: [string[], string][] = [
    ...stringEntries(spec["data"]).map(([key, raw]): [string[], string] => [["spec", "data", key], raw]),
    ...stringEntries(template["data"]).map(([key, raw]): [string[], string] => [["spec", "template", "data", key], raw]),
    ...stringEntries(template["stringData"]).map(([key, raw]): [string[], string] => [["spec", "template", "stringData", key], raw]),
  ];
  for (const [segments, raw] of plaintext) {
    if (isPlaceholder(raw) || /\{\{.*\}\}/.test(raw)) continue; // templates that reference encryptedData keys
    scan.findings.push({
      rule: "secrets/sealed-secret-plaintext",
      message: `SealedSecret carries a plaintext value at ${segments.join(".")}; put it in spec.encryptedData (kubeseal) instead`,
      location: at(segmentsToPointer(segments)),
      secret: raw,
    });
  }
}

function scanSecretGenerator(value: Record<string, unknown>, at: (pointer: string) => Location, scan: KubernetesScan): void {
  const generators = Array.isArray(value["secretGenerator"]) ? value["secretGenerator"] : [];
  generators.forEach((generator, generatorIndex) => {
    const literals = isObject(generator) && Array.isArray(generator["literals"]) ? generator["literals"] : [];
    literals.forEach((literal, literalIndex) => {
      if (typeof literal !== "string" || !literal.includes("=")) return;
      const [key = "", ...rest] = literal.split("=");
      const secret = rest.join("=");
      if (isPlaceholder(secret)) return;
      scan.findings.push({
        rule: "secrets/secret-generator-literal",
        message: `secretGenerator literal ${key} is a plaintext secret in the repo; use files kept out of git, SOPS or an ExternalSecret`,
        location: at(segmentsToPointer(["secretGenerator", generatorIndex, "literals", literalIndex])),
        secret,
      });
    });
  });
}

/** `env: [{ name: DB_PASSWORD, value: "…" }]` in any container of any workload. */
function scanEnvLiterals(value: unknown, segments: (string | number)[], at: (pointer: string) => Location, scan: KubernetesScan): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => scanEnvLiterals(item, [...segments, index], at, scan));
    return;
  }
  if (!isObject(value)) return;
  const env = value["env"];
  if (Array.isArray(env) && (typeof value["image"] === "string" || typeof value["name"] === "string")) {
    env.forEach((variable, index) => {
      if (!isObject(variable) || typeof variable["name"] !== "string" || typeof variable["value"] !== "string") return;
      const literal = variable["value"];
      if (!secretName.test(variable["name"]) || isPlaceholder(literal) || looksLikeNonSecret(literal) || literal.length < 6) return;
      scan.findings.push({
        rule: "secrets/env-literal",
        message: `environment variable ${variable["name"]} is set to a literal secret; use valueFrom.secretKeyRef`,
        location: at(segmentsToPointer([...segments, "env", index, "value"])),
        secret: literal,
      });
    });
  }
  for (const [key, nested] of Object.entries(value)) if (key !== "env") scanEnvLiterals(nested, [...segments, key], at, scan);
}

/** SOPS files: a `mac` must seal them, and every value outside the unencrypted rules must be ENC[…]. */
function scanSops(value: Record<string, unknown>, at: (pointer: string) => Location, scan: KubernetesScan): void {
  const sops = value["sops"] as Record<string, unknown>;
  if (typeof sops["mac"] !== "string" || sops["mac"] === "") {
    scan.findings.push({ rule: "secrets/sops-unencrypted", message: "SOPS file has no mac: it was edited outside sops or never encrypted", location: at("/sops"), secret: "" });
  }
  const stringRule = (name: string): string | null => (typeof sops[name] === "string" && sops[name] !== "" ? (sops[name] as string) : null);
  const encryptedSuffix = stringRule("encrypted_suffix");
  const encryptedRegex = stringRule("encrypted_regex");
  const unencryptedSuffix = stringRule("unencrypted_suffix") ?? (encryptedSuffix === null && encryptedRegex === null ? "_unencrypted" : null);
  const unencryptedRegex = stringRule("unencrypted_regex");
  const selective = encryptedSuffix !== null || encryptedRegex !== null;
  // A leaf must be encrypted unless a key on its path matches an unencrypted rule, and — when encrypted rules
  // exist — only if a key on its path matches one of them.
  const walk = (node: unknown, segments: (string | number)[], plain: boolean, selected: boolean): void => {
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...segments, index], plain, selected));
    else if (isObject(node)) {
      for (const [key, nested] of Object.entries(node)) {
        if (segments.length === 0 && key === "sops") continue;
        const keyPlain = (unencryptedSuffix !== null && key.endsWith(unencryptedSuffix)) || (unencryptedRegex !== null && regexMatches(unencryptedRegex, key));
        const keySelected = (encryptedSuffix !== null && key.endsWith(encryptedSuffix)) || (encryptedRegex !== null && regexMatches(encryptedRegex, key));
        walk(nested, [...segments, key], plain || keyPlain, selected || keySelected);
      }
    } else if (!plain && (!selective || selected) && typeof node === "string" && node !== "" && !node.startsWith("ENC[")) {
      scan.findings.push({
        rule: "secrets/sops-unencrypted",
        message: `SOPS file has an unencrypted value at ${segments.join(".")}`,
        location: at(segmentsToPointer(segments)),
        secret: node,
      });
    }
  };
  walk(value, [], false, false);
}

/** SOPS rules are Go regexes: RE2 reads them as Go does; an unreadable pattern counts as not matching. */
function regexMatches(pattern: string, key: string): boolean {
  try {
    return new Re2Pattern(pattern).test(key);
  } catch {
    return false;
  }
}
