// Size budgets and the deadline inside builtins: a builtin that would build a string or an array past its budget
// stops with eval_limit_error before it allocates, and every result is charged to the step budget by its size, so
// growth a step at a time also meets the step and time limits (the gate reports it as policy/evaluation-error).
import type { Location } from "../ast.js";
import { LimitError } from "../errors.js";
import { SetValue, type Value } from "../values.js";

/** Longest string a builtin may build (characters). */
export const maxStringLength = 16 * 1024 * 1024;
/** Most elements of an array or set a builtin may build. */
export const maxCollectionLength = 1024 * 1024;
/** Characters (or elements) of a result that cost one evaluation step. */
const unitsPerStep = 64;

export function guardStringLength(name: string, length: number): void {
  if (length > maxStringLength) throw new LimitError(`${name}: result would be ${Math.round(length).toLocaleString("en-US")} characters, over the limit of ${maxStringLength.toLocaleString("en-US")}`);
}

export function guardCollectionLength(name: string, length: number): void {
  if (length > maxCollectionLength) throw new LimitError(`${name}: result would have ${Math.round(length).toLocaleString("en-US")} elements, over the limit of ${maxCollectionLength.toLocaleString("en-US")}`);
}

/** Steps a builtin's result costs: one, plus one per `unitsPerStep` characters or elements of it. */
export function resultSteps(name: string, result: Value | undefined): number {
  if (typeof result === "string") {
    guardStringLength(name, result.length);
    return 1 + Math.floor(result.length / unitsPerStep);
  }
  if (Array.isArray(result)) {
    guardCollectionLength(name, result.length);
    return 1 + Math.floor(result.length / unitsPerStep);
  }
  if (result instanceof SetValue) {
    guardCollectionLength(name, result.size);
    return 1 + Math.floor(result.size / unitsPerStep);
  }
  return 1;
}

/** JavaScript's own size failures inside a builtin ("Invalid string length", "Invalid array length") as limit errors. */
export function asLimitError(name: string, error: unknown, location?: Location): LimitError | null {
  if (error instanceof RangeError && /invalid (string|array|typed array) length|allocation failed|too large/i.test(error.message)) return new LimitError(`${name}: result too large (${error.message})`, location);
  return null;
}
