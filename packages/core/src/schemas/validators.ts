// Compiled validators: one ajv instance, each schema compiled once on first use and kept for the process, and
// its code kept in the cache for the next run (validator-cache.ts).
import { createHash } from "node:crypto";
import { _, Ajv, type Format, type ValidateFunction } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { ResolvedSchema } from "./schema-source.js";
import { formatsModule, readValidator, validatorEntry, writeValidator } from "./validator-cache.js";

const int32 = 2 ** 31;

/** Only these formats: Kubernetes durations are Go durations, so `duration` must never be enabled. */
const formats: Record<string, Format> = {
  "date-time": fullFormats["date-time"],
  int32: { type: "number", validate: (value: number) => Number.isInteger(value) && value >= -int32 && value < int32 },
  int64: { type: "number", validate: (value: number) => Number.isInteger(value) },
};

/**
 * `inlineRefs: false`: each referenced definition is compiled once as its own function rather than copied into every
 * schema that uses it, which compiles the Kubernetes kinds about a quarter faster.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    validateSchema: false,
    addUsedSchema: false,
    validateFormats: true,
    inlineRefs: false,
    code: { source: true, formats: _`require(${formatsModule})` },
  });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  return ajv;
}

/** Made on the first compile: a check whose validators are all in the cache never builds one. */
let ajv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction>();
const sharedDocuments = new Set<string>();

export function validatorFor(resolved: ResolvedSchema): ValidateFunction {
  let validate = compiled.get(resolved.cacheKey);
  if (validate === undefined) {
    const entry = validatorEntry([JSON.stringify(resolved.schema), resolved.shared === null ? "" : sharedDigest(resolved.shared)]);
    validate = readValidator(entry, formats) ?? compile(resolved, entry);
    compiled.set(resolved.cacheKey, validate);
  }
  return validate;
}

function compile(resolved: ResolvedSchema, entry: string): ValidateFunction {
  ajv ??= createAjv();
  if (resolved.shared !== null && !sharedDocuments.has(resolved.shared.id)) {
    ajv.addSchema(resolved.shared.schema, resolved.shared.id);
    sharedDocuments.add(resolved.shared.id);
  }
  const validate = ajv.compile(resolved.schema);
  writeValidator(entry, ajv, validate);
  return validate;
}

const digests = new Map<string, string>();

/** The content of a referenced document (its id and definitions), hashed once per process. */
function sharedDigest(shared: NonNullable<ResolvedSchema["shared"]>): string {
  let digest = digests.get(shared.id);
  if (digest === undefined) {
    digest = createHash("sha256").update(shared.id).update(JSON.stringify(shared.schema)).digest("hex");
    digests.set(shared.id, digest);
  }
  return digest;
}
