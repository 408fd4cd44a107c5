// Registers the builtins of the language core (part 1); further groups register themselves the same way.

import { aggregateBuiltins } from "./aggregates.js";
import { arithmeticBuiltins } from "./arithmetic.js";
import { collectionBuiltins } from "./collections.js";
import { comparisonBuiltins } from "./comparison.js";
import { registerBuiltins, T } from "./registry.js";
import { stringBuiltins } from "./strings.js";
import { typeBuiltins } from "./types.js";

registerBuiltins([
  ...comparisonBuiltins,
  ...arithmeticBuiltins,
  ...aggregateBuiltins,
  ...typeBuiltins,
  ...stringBuiltins,
  ...collectionBuiltins,
  { name: "print", args: [], result: T.boolean, variadic: true, implementation: () => true },
]);

export { builtinNames, lookupBuiltin, registerBuiltins } from "./registry.js";
export type { Builtin, BuiltinContext } from "./registry.js";
