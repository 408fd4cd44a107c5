// json.verify_schema and json.match_schema: JSON Schema validation (ajv) with the results and wording OPA gives
// through gojsonschema (`desc`, `error`, `field`, `type` per failure).

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { ObjectValue, stringifyJSON, type Value } from "../values.js";
import { parseJSON } from "./encoding.js";
import { BuiltinFailure, OperandError, T, type Builtin } from "./registry.js";

const primitiveTypes = ["array", "boolean", "integer", "number", "null", "object", "string"];

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: true, logger: false });

/** A document or schema given as a JSON string or as a value. */
function jsonOf(value: Value, position: number): unknown {
  if (typeof value === "string") {
    try {
      return JSON.parse(stringifyJSON(parseJSON(value)));
    } catch (error) {
      throw new BuiltinFailure(`operand ${position}: ${(error as Error).message}`);
    }
  }
  if (value instanceof ObjectValue || typeof value === "boolean") return JSON.parse(stringifyJSON(value));
  throw new OperandError(`operand ${position} must be one of {object, string} but got ${Array.isArray(value) ? "array" : typeof value}`);
}

/** gojsonschema's complaint about a `type` that names no JSON type, found before compiling. */
function invalidType(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  if (!Array.isArray(schema)) {
    const type = (schema as Record<string, unknown>).type;
    for (const name of typeof type === "string" ? [type] : Array.isArray(type) ? type : []) {
      if (typeof name === "string" && !primitiveTypes.includes(name)) return `has a primitive type that is NOT VALID -- given: /${name}/ Expected valid values are:[${primitiveTypes.join(" ")}]`;
    }
  }
  for (const item of Object.values(schema as object)) {
    const found = invalidType(item);
    if (found) return found;
  }
  return undefined;
}

/** Compiled validators by schema text, kept for the process (bounded). */
const compiled = new Map<string, ValidateFunction>();

function compileSchema(schema: unknown): ValidateFunction {
  const key = `json-schema:${JSON.stringify(schema)}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const problem = invalidType(schema);
  if (problem) throw new BuiltinFailure(problem);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object);
  } catch (error) {
    throw new BuiltinFailure((error as Error).message);
  }
  if (compiled.size >= 256) compiled.clear();
  compiled.set(key, validate);
  return validate;
}

/** The field gojsonschema names: `(root)` or the dotted path of the value. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.length === 0 ? "(root)" : parts.join(".");
}

const typeNames: Record<string, string> = { integer: "integer", number: "number", string: "string", boolean: "boolean", object: "object", array: "array", null: "null" };

function givenType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** One failure in gojsonschema's words. */
function describe(error: ErrorObject, document: unknown): { desc: string; type: string; field: string } {
  const params = error.params as Record<string, unknown>;
  const field = fieldOf(error);
  const value = error.instancePath.split("/").slice(1).reduce<unknown>((current, part) => (current as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  switch (error.keyword) {
    case "type":
      return { desc: `Invalid type. Expected: ${String(params.type).split(",").map((name) => typeNames[name] ?? name).join(", ")}, given: ${givenType(value)}`, type: "invalid_type", field };
    case "required":
      return { desc: `${String(params.missingProperty)} is required`, type: "required", field };
    case "additionalProperties":
      return { desc: `Additional property ${String(params.additionalProperty)} is not allowed`, type: "additional_property_not_allowed", field };
    case "enum":
      return { desc: `${field} must be one of the following: ${(params.allowedValues as unknown[]).map((item) => JSON.stringify(item)).join(", ")}`, type: "enum", field };
    case "const":
      return { desc: `${field} does not match: ${JSON.stringify(params.allowedValue)}`, type: "const", field };
    case "minimum":
      return { desc: `Must be greater than or equal to ${String(params.limit)}`, type: "number_gte", field };
    case "maximum":
      return { desc: `Must be less than or equal to ${String(params.limit)}`, type: "number_lte", field };
    case "exclusiveMinimum":
      return { desc: `Must be greater than ${String(params.limit)}`, type: "number_gt", field };
    case "exclusiveMaximum":
      return { desc: `Must be less than ${String(params.limit)}`, type: "number_lt", field };
    case "minLength":
      return { desc: `String length must be greater than or equal to ${String(params.limit)}`, type: "string_gte", field };
    case "maxLength":
      return { desc: `String length must be less than or equal to ${String(params.limit)}`, type: "string_lte", field };
    case "pattern":
      return { desc: `Does not match pattern '${String(params.pattern)}'`, type: "pattern", field };
    case "minItems":
      return { desc: `Array must have at least ${String(params.limit)} items`, type: "array_min_items", field };
    case "maxItems":
      return { desc: `Array must have at most ${String(params.limit)} items`, type: "array_max_items", field };
    case "uniqueItems":
      return { desc: "array items must be unique", type: "unique", field };
    case "multipleOf":
      return { desc: `Must be a multiple of ${String(params.multipleOf)}`, type: "multiple_of", field };
    default:
      return { desc: error.message ?? error.keyword, type: error.keyword, field };
  }
}

function verifySchema([schema]: Value[]): Value {
  try {
    compileSchema(jsonOf(schema as Value, 1));
    return [true, null];
  } catch (error) {
    if (error instanceof BuiltinFailure) return [false, error.message];
    throw error;
  }
}

function matchSchema([document, schema]: Value[]): Value {
  const validate = compileSchema(jsonOf(schema as Value, 2));
  const json = jsonOf(document as Value, 1);
  if (validate(json)) return [true, []];
  const failures = (validate.errors ?? []).map((error) => {
    const { desc, type, field } = describe(error, json);
    return ObjectValue.from([["desc", desc], ["error", `${field}: ${desc}`], ["field", field], ["type", type]]);
  });
  return [false, failures as Value[]];
}

export const jsonSchemaBuiltins: Builtin[] = [
  { name: "json.verify_schema", args: [["object", "string", "boolean"]], result: T.array, implementation: verifySchema },
  { name: "json.match_schema", args: [["object", "string", "boolean"], ["object", "string", "boolean"]], result: T.array, implementation: matchSchema },
];
