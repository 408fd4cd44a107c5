// OPA runtime and debugging builtins: opa.runtime (version and the environment variables the caller allowed, none
// by default: a policy never sees the host's environment) and trace (a note through print). The network builtins
// are in network.ts.

import { fromJSON, type Value } from "../values.js";
import { T, type Builtin } from "./registry.js";

export const runtimeBuiltins: Builtin[] = [
  { name: "opa.runtime", args: [], result: T.object, implementation: (_args, context) => fromJSON({ env: { ...context.runtimeEnv }, version: "mergegate", commit: "", config: {} }) },
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
