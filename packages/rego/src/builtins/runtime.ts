// OPA runtime, host and debugging builtins: opa.runtime (version and the environment variables the caller allowed,
// none by default: a policy never sees the host's environment), http.send and net.lookup_ip_addr (which never reach
// the network: an evaluation that calls them fails, unless a test mocks them with `with`) and trace.

import { BuiltinError } from "../errors.js";
import { fromJSON, type Value } from "../values.js";
import { T, type Builtin } from "./registry.js";

/** A builtin that would reach the network: an evaluation error (never undefined, which could pass a deny rule). */
function offline(name: string, args: Builtin["args"], result: Builtin["result"]): Builtin {
  return {
    name,
    args,
    result,
    implementation: (_args, context) => {
      throw new BuiltinError(`${name}: mergegate does not make network calls during evaluation (mock it with \`with ${name} as …\` in tests)`, context.location);
    },
  };
}

export const runtimeBuiltins: Builtin[] = [
  offline("http.send", [T.object], T.object),
  offline("net.lookup_ip_addr", [T.string], T.set),
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
