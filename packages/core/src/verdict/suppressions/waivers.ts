// The waivers file: accepted findings with a reason, an owner and an expiry date, validated against its JSON Schema.
import { existsSync, readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import picomatch from "picomatch";
import { isMap, isSeq, parseDocument } from "yaml";
import { GateError } from "../../errors.js";
import { lineColumnOf, lineStartsOf, nodeRange, findNode, pointerSegments } from "../../repo/positions.js";
import type { Finding, Location } from "../../types.js";
import { ownValidator } from "../../config/own-validator.js";
import schema from "./waivers.schema.json" with { type: "json" };

export const defaultWaiversFile = ".mergegate/waivers.yaml";

export interface Waiver {
  rule: string;
  env?: string;
  resource?: { kind?: string; namespace?: string; name?: string };
  file?: string;
  reason: string;
  owner?: string;
  expires: string;
}

export interface LoadedWaiver {
  waiver: Waiver;
  /** Where the waiver is written (its list entry). */
  location: Location;
}

/** Made on first use (most runs have no waivers file), from the validator cache when an earlier run compiled it. */
let validator: ValidateFunction<Waiver[]> | null = null;
function validatorOf(): ValidateFunction<Waiver[]> {
  validator ??= ownValidator<Waiver[]>(schema, { date: fullFormats.date });
  return validator;
}

/** Reads the waivers file; absent is empty; invalid is a gate error naming file and line. */
export function loadWaivers(absolutePath: string, reportPath: string): LoadedWaiver[] {
  if (!existsSync(absolutePath)) return [];
  const text = readFileSync(absolutePath, "utf8");
  const lineStarts = lineStartsOf(text);
  const document = parseDocument(text, { prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new GateError(`invalid YAML: ${yamlError.message.split("\n")[0] ?? ""}`, reportPath, lineColumnOf(lineStarts, yamlError.pos[0]).line);
  }
  const value: unknown = document.toJS() ?? [];
  const validate = validatorOf();
  if (!validate(value)) {
    const error = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const match = error === undefined ? null : findNode(document, pointerSegments(error.instancePath));
    const line = match === null ? 1 : lineColumnOf(lineStarts, nodeRange(match.anchor)[0]).line;
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "top level";
    const problem = error?.keyword === "additionalProperties" ? `unknown key "${String(error.params["additionalProperty"])}"` : (error?.message ?? "invalid");
    throw new GateError(`invalid waivers file: ${where}: ${problem}`, reportPath, line);
  }
  const list = document.contents;
  return value.map((waiver, index) => {
    const item = isSeq(list) ? list.items[index] : null;
    const start = isMap(item) ? nodeRange(item)[0] : 0;
    const { line, column } = lineColumnOf(lineStarts, start);
    return { waiver, location: { file: reportPath, line, column, endLine: line, endColumn: column } };
  });
}

/** A waiver is valid through its expiry day, in UTC. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  return now.toISOString().slice(0, 10) > waiver.expires;
}

/** Does the waiver cover the finding? `repoFile` is the finding's file relative to DIR (where the waivers file's globs start). */
export function waiverCovers(waiver: Waiver, finding: Finding, repoFile: string | null): boolean {
  if (waiver.rule !== finding.rule && waiver.rule !== finding.check) return false;
  if (waiver.env !== undefined && waiver.env !== finding.env) return false;
  if (waiver.resource !== undefined) {
    const resource = finding.resource;
    if (resource === null) return false;
    for (const field of ["kind", "namespace", "name"] as const) {
      const wanted = waiver.resource[field];
      if (wanted !== undefined && !picomatch.isMatch(resource[field] ?? "", wanted)) return false;
    }
  }
  if (waiver.file !== undefined && (repoFile === null || !picomatch.isMatch(repoFile, waiver.file, { dot: true }))) return false;
  return true;
}
