// Serves the builtins an OPA-Wasm module delegates to JavaScript from mergegate's own registry.

import { builtinNames, lookupBuiltin } from "../builtins/index.js";
import { BuiltinFailure, checkOperands, OperandError, type BuiltinContext } from "../builtins/registry.js";
import { BuiltinError } from "../errors.js";
import { fromJSON, toJSON, type Value } from "../values.js";

type JsBuiltin = (...args: unknown[]) => unknown;

/** One function per registered builtin, taking and returning plain JSON as the SDK does. */
export function delegatedBuiltins(): Record<string, JsBuiltin> {
  const table: Record<string, JsBuiltin> = {};
  const memo = new Map<string, Value>();
  const startedAt = BigInt(Date.now()) * 1_000_000n;
  for (const name of builtinNames()) {
    const builtin = lookupBuiltin(name);
    if (!builtin || builtin.relation) continue;
    table[name] = (...args: unknown[]) => {
      const values = args.map(fromJSON);
      const context: BuiltinContext = { location: { file: "policy.wasm", line: 0, col: 0 }, charge: () => undefined, checkTime: () => undefined, runtimeEnv: {}, print: () => undefined, now: () => startedAt, memo };
      try {
        checkOperands(builtin, values);
        const result = builtin.implementation(values, context);
        return result === undefined ? undefined : toJSON(result);
      } catch (error) {
        if (error instanceof OperandError || error instanceof BuiltinFailure) throw new BuiltinError(`${name}: ${error.message}`);
        throw error;
      }
    };
  }
  return table;
}
