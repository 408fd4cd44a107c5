// Error classes for every stage of Rego processing, each carrying OPA's error code and an optional location.

import type { Location } from "./ast.js";

export type RegoErrorCode =
  | "rego_parse_error"
  | "rego_compile_error"
  | "rego_type_error"
  | "rego_unsafe_var_error"
  | "rego_recursion_error"
  | "eval_conflict_error"
  | "eval_type_error"
  | "eval_builtin_error"
  | "eval_limit_error";

export function formatLocation(location: Location | undefined): string {
  return location ? `${location.file}:${location.line}:${location.col}` : "";
}

/** Where an error happened as OPA prints it: file:line:col for parse and compile errors, file:line for evaluation errors. */
function prefix(code: RegoErrorCode, location: Location | undefined): string {
  if (!location) return "";
  return code.startsWith("eval_") ? `${location.file}:${location.line}: ` : `${formatLocation(location)}: `;
}

/** The base error: message is "code: text", prefixed with the location when known. */
export class RegoError extends Error {
  readonly code: RegoErrorCode;
  readonly location: Location | undefined;
  readonly text: string;

  constructor(code: RegoErrorCode, text: string, location?: Location) {
    super(`${prefix(code, location)}${code}: ${text}`);
    this.name = "RegoError";
    this.code = code;
    this.text = text;
    this.location = location;
  }
}

export class ParseError extends RegoError {
  constructor(text: string, location?: Location) {
    super("rego_parse_error", text, location);
    this.name = "ParseError";
  }
}

/** A compile-time error; code is one of the rego_* codes. */
export class CompileError extends RegoError {
  constructor(code: RegoErrorCode, text: string, location?: Location) {
    super(code, text, location);
    this.name = "CompileError";
  }
}

/** Several compile errors reported together, as OPA does ("2 errors occurred: ..."). */
export class CompileErrors extends RegoError {
  readonly errors: RegoError[];
  constructor(errors: RegoError[]) {
    const first = errors[0] as RegoError;
    super(first.code, errors.length === 1 ? first.text : `${errors.length} errors occurred:\n${errors.map((e) => e.message).join("\n")}`, first.location);
    this.name = "CompileErrors";
    this.errors = errors;
  }
}

export class ConflictError extends RegoError {
  constructor(text: string, location?: Location) {
    super("eval_conflict_error", text, location);
    this.name = "ConflictError";
  }
}

export class EvalTypeError extends RegoError {
  constructor(text: string, location?: Location) {
    super("eval_type_error", text, location);
    this.name = "EvalTypeError";
  }
}

export class BuiltinError extends RegoError {
  constructor(text: string, location?: Location) {
    super("eval_builtin_error", text, location);
    this.name = "BuiltinError";
  }
}

export class LimitError extends RegoError {
  constructor(text: string, location?: Location) {
    super("eval_limit_error", text, location);
    this.name = "LimitError";
  }
}
