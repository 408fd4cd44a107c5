// The output formats behind one interface; every one goes through redaction.
import { GateError } from "../errors.js";
import type { GateResult } from "../types.js";
import { formatJson } from "./json.js";
import { formatText } from "./text.js";

export interface FormatOptions {
  /** Colour (text only); true only when writing to a terminal. */
  color: boolean;
  /** Hide suppressed findings (text only). */
  quiet?: boolean;
}

export type Formatter = (result: GateResult, options: FormatOptions) => string;

export const formats: Readonly<Record<string, Formatter>> = {
  text: (result, options) => formatText(result, { color: options.color, quiet: options.quiet ?? false }),
  json: (result) => formatJson(result),
};

export const formatNames = Object.keys(formats);

export function formatResult(result: GateResult, format: string, options: FormatOptions = { color: false }): string {
  const formatter = formats[format];
  if (formatter === undefined) throw new GateError(`unknown format "${format}" (one of: ${formatNames.join(", ")})`);
  return result.redact(formatter(result, options));
}
