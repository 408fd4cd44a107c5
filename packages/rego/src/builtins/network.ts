// http.send and net.lookup_ip_addr, declared as OPA declares them so that policies type-check and tests can replace
// them with `with`; evaluation itself never reaches the network, so a call that is not replaced is an error.

import { isIP } from "node:net";
import { BuiltinError } from "../errors.js";
import { formatValue, ObjectValue, SetValue, type Value } from "../values.js";
import { OperandError, T, type Builtin, type BuiltinContext } from "./registry.js";

/** The request keys OPA's http.send accepts. */
const requestKeys = new Set([
  "method", "url", "body", "raw_body", "headers", "enable_redirect", "force_json_decode", "force_yaml_decode", "tls_use_system_certs",
  "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
  "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout",
  "cache", "force_cache", "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
]);

function refuse(name: string, context: BuiltinContext): never {
  throw new BuiltinError(`${name}: mergegate does not make network calls during evaluation (replace it with \`with ${name} as …\`)`, context.location);
}

/** OPA's request validation (an eval_type_error), then the refusal. */
function httpSend([request]: Value[], context: BuiltinContext): Value {
  const keys = (request as ObjectValue).keys();
  const invalid = keys.filter((key) => typeof key !== "string" || !requestKeys.has(key));
  if (invalid.length > 0) throw new OperandError(`invalid request parameters(s): ${formatValue(new SetValue(invalid))}`);
  const missing = ["method", "url"].filter((key) => !keys.includes(key));
  if (missing.length > 0) throw new OperandError(`missing required request parameters(s): ${formatValue(new SetValue(missing))}`);
  return refuse("http.send", context);
}

/** Addresses Go's resolver gives without asking a name server: IP literals and localhost. */
function lookupIPAddress([name]: Value[], context: BuiltinContext): Value {
  const text = name as string;
  if (isIP(text)) return new SetValue([text]);
  if (text === "localhost") return new SetValue(["127.0.0.1", "::1"]);
  return refuse("net.lookup_ip_addr", context);
}

export const networkBuiltins: Builtin[] = [
  { name: "http.send", args: [T.object], result: T.object, implementation: httpSend },
  { name: "net.lookup_ip_addr", args: [T.string], result: T.set, implementation: lookupIPAddress },
];
