// @mergegate/core's public entry: runGate, the types, locate(), the formats and the rule registry.
export { runGate, type GateOptions } from "./gate.js";
export { GateError } from "./errors.js";
export { formatResult, formatNames, type FormatOptions } from "./report/formats.js";
export { rules, ruleById } from "./checks/registry.js";
export type { Rule, RuleMeta, CheckContext, Report } from "./checks/rule.js";
export { locate, type LocateScope } from "./locate/locate.js";
export { parseConfig, loadConfig, configFileName, type Config } from "./config/config.js";
export { version } from "./version.js";
export type * from "./types.js";
