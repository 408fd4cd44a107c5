// Fingerprints: stable ids for findings that survive edits and squash merges (no line numbers).
import { createHash } from "node:crypto";
import type { ResourceKey } from "../types.js";

export function fingerprintOf(rule: string, file: string | null, resource: ResourceKey | null, subject: string): string {
  const key = resource === null ? "" : [resource.apiVersion, resource.kind, resource.namespace, resource.name].join("/");
  return createHash("sha256").update([rule, file ?? "", key, subject].join("\u0000")).digest("hex").slice(0, 16);
}
