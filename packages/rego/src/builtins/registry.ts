// The builtin registry: each builtin's declared argument/result types and its implementation, looked up by name.

import type { Location } from "../ast.js";
import { NumberText, ObjectValue, SetValue, typeName, type Value } from "../values.js";

export type TypeName = "any" | "null" | "boolean" | "number" | "string" | "array" | "object" | "set";
/** A union of basic types; ["any"] accepts everything. */
export type ArgumentType = TypeName[];

export interface BuiltinContext {
  location: Location;
  /** Counts work against the evaluation's step limit (for builtins that build large values). */
  charge(steps: number): void;
  /** Throws eval_limit_error when the evaluation is past its deadline. */
  checkTime(): void;
  /** The environment variables opa.runtime() shows: none unless the caller allowed some by name. */
  runtimeEnv: Readonly<Record<string, string>>;
  print(message: string): void;
  /** The evaluation's clock, fixed for its duration (nanoseconds since the Unix epoch). */
  now(): bigint;
  /** Values memoised for the duration of one evaluation (uuid.rfc4122, rand.intn). */
  memo: Map<string, Value>;
}

export type BuiltinImplementation = (args: Value[], context: BuiltinContext) => Value | undefined;

export interface Builtin {
  name: string;
  args: ArgumentType[];
  result: ArgumentType;
  /** The types checked at evaluation when OPA's run-time check is wider than the declaration (json.is_valid of a number is false). */
  operands?: ArgumentType[];
  /** Variadic builtins (print) accept any number of arguments and have no output form. */
  variadic?: boolean;
  /** Relations (walk) return an array of every output; the call succeeds once per output. */
  relation?: boolean;
  /**
   * Set by builtins that compute with a number's text (arithmetic on OPA's big.Float): they receive a NumberText as
   * it is. Every other builtin receives an argument declared a number as its plain value (number or bigint).
   */
  numberText?: boolean;
  /**
   * Argument positions OPA reads with IntOperand, which takes an integer by its text: a number written with a
   * fraction or an exponent there (1.0, 1e3) is "must be integer number but got floating-point number".
   */
  intOperands?: number[];
  implementation: BuiltinImplementation;
}

/** A builtin failed on its inputs: eval_builtin_error (undefined unless strict builtin errors are on). */
export class BuiltinFailure extends Error {}

/** An operand had the wrong type: eval_type_error. */
export class OperandError extends Error {}

const registry = new Map<string, Builtin>();

/** Per builtin, the argument positions declared a number whose NumberText arrives as its plain value. */
const plainNumberPositions = new Map<Builtin, number[]>();

export function registerBuiltins(builtins: Builtin[]): void {
  for (const builtin of builtins) {
    registry.set(builtin.name, builtin);
    const positions = builtin.numberText || builtin.variadic ? [] : builtin.args.flatMap((type, index) => (type.length === 1 && type[0] === "number" ? [index] : []));
    plainNumberPositions.set(builtin, positions);
  }
}

/**
 * The arguments a builtin's implementation receives: numbers declared as such in their plain form (see numberText),
 * after refusing a number written with a fraction or an exponent where OPA reads an int by its text (intOperands).
 */
export function implementationArgs(builtin: Builtin, args: Value[]): Value[] {
  const positions = plainNumberPositions.get(builtin);
  if (!positions || positions.length === 0) return args;
  let plain: Value[] | undefined;
  for (const position of positions) {
    const arg = args[position];
    if (!(arg instanceof NumberText)) continue;
    if (builtin.intOperands?.includes(position) && /[.eE]/.test(arg.text)) throw new OperandError(`operand ${position + 1} must be integer number but got floating-point number`);
    (plain ??= args.slice())[position] = arg.value;
  }
  return plain ?? args;
}

export function lookupBuiltin(name: string): Builtin | undefined {
  return registry.get(name);
}

export function builtinNames(): string[] {
  return [...registry.keys()].sort();
}

export function describeType(type: ArgumentType): string {
  return type.length === 1 ? (type[0] as string) : `one of {${[...type].sort().join(", ")}}`;
}

export function accepts(type: ArgumentType, value: Value): boolean {
  return type[0] === "any" || type.includes(typeName(value) as TypeName);
}

/** Checks arguments against the declaration, throwing OPA's "operand N must be T but got U". */
export function checkOperands(builtin: Builtin, args: Value[]): void {
  if (builtin.variadic) return;
  const declared = builtin.operands ?? builtin.args;
  for (let i = 0; i < args.length; i++) {
    const type = declared[i];
    if (type && !accepts(type, args[i] as Value)) {
      throw new OperandError(`operand ${i + 1} must be ${describeType(type)} but got ${typeName(args[i] as Value)}`);
    }
  }
}

/** Shorthands for declarations. */
export const T = {
  any: ["any"] as ArgumentType,
  number: ["number"] as ArgumentType,
  string: ["string"] as ArgumentType,
  boolean: ["boolean"] as ArgumentType,
  array: ["array"] as ArgumentType,
  object: ["object"] as ArgumentType,
  set: ["set"] as ArgumentType,
  collection: ["array", "object", "set"] as ArgumentType,
  arrayOrSet: ["array", "set"] as ArgumentType,
};

export function elements(collection: Value): Value[] {
  if (Array.isArray(collection)) return collection;
  if (collection instanceof SetValue) return collection.sorted();
  if (collection instanceof ObjectValue) return collection.sortedEntries().map((entry) => entry[1]);
  return [];
}

/** Checks one operand against types listed in OPA's own order, throwing "operand N must be one of {…} but got T". */
export function expectOperand(position: number, value: Value, ...types: TypeName[]): void {
  if (types.includes(typeName(value) as TypeName)) return;
  const expected = types.length === 1 ? (types[0] as string) : `one of {${types.join(", ")}}`;
  throw new OperandError(`operand ${position} must be ${expected} but got ${typeName(value)}`);
}
