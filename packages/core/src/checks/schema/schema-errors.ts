// Turns ajv's errors for one object into findings a human reads: rule, JSON pointer and message.
import type { ErrorObject } from "ajv";
import { pointerSegments } from "../../repo/positions.js";
import { closestName } from "./suggest.js";

export type SchemaRuleId = "schema/unknown-field" | "schema/invalid-type" | "schema/invalid-value" | "schema/missing-field";

export interface SchemaProblem {
  rule: SchemaRuleId;
  pointer: string;
  message: string;
}

/** Keywords whose branches report their own errors; only the combined error is kept. */
const combinators = new Set(["anyOf", "oneOf", "not"]);

export function problemsOf(errors: readonly ErrorObject[], options: { echoValues: boolean }): SchemaProblem[] {
  const branchRoots = errors.filter((error) => combinators.has(error.keyword)).map((error) => `${error.schemaPath}/`);
  const problems = new Map<string, SchemaProblem>();
  for (const error of errors) {
    if (error.keyword === "if" || branchRoots.some((root) => error.schemaPath.startsWith(root))) continue;
    const problem = problemOf(error, options.echoValues);
    const key = `${problem.rule} ${problem.pointer}`;
    if (!problems.has(key)) problems.set(key, problem);
  }
  return [...problems.values()];
}

function problemOf(error: ErrorObject, echoValues: boolean): SchemaProblem {
  const at = error.instancePath;
  const got = echoValues ? ` (got ${scalarText(error.data) ?? typeName(error.data)})` : "";
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(error.params["additionalProperty"]);
      const pointer = `${at}/${escapeSegment(field)}`;
      const known = Object.keys((error.parentSchema?.["properties"] as Record<string, unknown> | undefined) ?? {});
      const suggestion = closestName(field, known);
      const hint = suggestion === null ? "" : ` — did you mean "${suggestion}"?`;
      return { rule: "schema/unknown-field", pointer, message: `${displayPath(pointer)}: unknown field${hint}` };
    }
    case "required": {
      const field = String(error.params["missingProperty"]);
      return { rule: "schema/missing-field", pointer: `${at}/${escapeSegment(field)}`, message: `${displayPath(at)}: missing required field "${field}"` };
    }
    case "type": {
      const expected = typesOf(error.params["type"]).join(" or ");
      const actual = echoValues ? describeValue(error.data) : typeName(error.data);
      return { rule: "schema/invalid-type", pointer: at, message: `${displayPath(at)}: expected ${expected}, got ${actual}` };
    }
    case "enum": {
      const allowed = (error.params["allowedValues"] as unknown[]).filter((value) => value !== null).map(String).join(", ");
      return { rule: "schema/invalid-value", pointer: at, message: `${displayPath(at)}: must be one of ${allowed}${got}` };
    }
    case "anyOf":
    case "oneOf":
      return { rule: "schema/invalid-value", pointer: at, message: `${displayPath(at)}: matches none of the allowed forms${got}` };
    default:
      return { rule: "schema/invalid-value", pointer: at, message: `${displayPath(at)}: ${error.message ?? "is invalid"}${got}` };
  }
}

function typesOf(type: unknown): string[] {
  const types = Array.isArray(type) ? (type as string[]) : String(type).split(",");
  return types.filter((name) => name !== "null");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** A scalar as a message shows it (strings quoted and shortened); null for structures. */
function scalarText(value: unknown): string | null {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** A value with its type: string "3", integer 3, object. */
function describeValue(value: unknown): string {
  const text = scalarText(value);
  return text === null ? typeName(value) : `${typeName(value)} ${text}`;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** /spec/template/spec/containers/0/image → spec.template.spec.containers[0].image */
export function displayPath(pointer: string): string {
  let text = "";
  for (const segment of pointerSegments(pointer)) {
    if (/^\d+$/.test(segment)) text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text === "" ? "(root)" : text;
}
