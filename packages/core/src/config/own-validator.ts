// Validators of mergegate's own files (mergegate.yaml, the waivers file): ajv's code for each schema kept in the
// validator cache (schemas/validator-cache.ts), so a run loads it instead of compiling the schema every time.
import { _, Ajv, type Format, type ValidateFunction } from "ajv";
import { formatsModule, readValidator, validatorEntry, writeValidator } from "../schemas/validator-cache.js";

/**
 * The validator of `schema` (ours, checked against the meta-schema by a test, so ajv does not check it again), with
 * these formats: from the cache, else compiled and stored.
 */
export function ownValidator<T>(schema: object, formats: Record<string, Format> = {}): ValidateFunction<T> {
  const entry = validatorEntry(["own-schema", JSON.stringify(schema), ...Object.keys(formats)]);
  const stored = readValidator(entry, formats);
  if (stored !== null) return stored as ValidateFunction<T>;
  const ajv = new Ajv({ allErrors: true, strict: true, validateSchema: false, code: { source: true, formats: _`require(${formatsModule})` } });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  const validate = ajv.compile<T>(schema);
  writeValidator(entry, ajv, validate);
  return validate;
}
