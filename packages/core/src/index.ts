// @mergegate/core's public entry: runGate (and runDiff, runRender), the types, locate(), the formats and the rule registry.
export { runGate, runDiff, runRender, type GateOptions, type DiffOptions, type DiffResult, type RenderOptions, type RenderResult } from "./gate.js";
export { GateError } from "./errors.js";
export { formatResult, formatNames, type FormatOptions } from "./report/formats.js";
export { formatDiff, diffFormatNames } from "./report/diff/formats.js";
export { formatRenderStream, renderFiles, checkRenderFormat, renderFormatNames, type RenderFormat, type RenderedFile } from "./report/render-output.js";
export { rules, ruleById } from "./checks/registry.js";
export type { Rule, RuleMeta, CheckContext, Report } from "./checks/rule.js";
export type { RenderDiff, EnvironmentDiff, ChangedObject, DiffSide } from "./diff/render-diff.js";
export type { FieldChange } from "./diff/object-diff.js";
export { locate, type LocateScope } from "./locate/locate.js";
export { parseConfig, loadConfig, configFileName, type Config } from "./config/config.js";
export { version } from "./version.js";
export { writeBaseline, pruneBaseline, appendWaiver, type WaiveRequest } from "./verdict/suppressions/commands.js";
export { suppressionRules } from "./verdict/suppressions/rules.js";
export type { Waiver } from "./verdict/suppressions/waivers.js";
export type * from "./types.js";
