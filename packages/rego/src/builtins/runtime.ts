// OPA runtime and debugging builtins: opa.runtime (version and environment) and trace (a note through print).

import { fromJSON, type Value } from "../values.js";
import { T, type Builtin } from "./registry.js";

export const runtimeBuiltins: Builtin[] = [
  { name: "opa.runtime", args: [], result: T.object, implementation: () => fromJSON({ env: { ...process.env }, version: "mergegate", commit: "", config: {} }) },
  {
    name: "trace",
    args: [T.string],
    result: T.boolean,
    implementation: ([note]: Value[], context) => {
      context.print(`trace: ${note as string}`);
      return true;
    },
  },
];
