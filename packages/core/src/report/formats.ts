// The output formats behind one interface; each formats a result already redacted where its values stand (runGate).
import { GateError } from "../errors.js";
import type { GateResult } from "../types.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export interface FormatOptions {
  /** Colour (text only); true only when writing to a terminal. */
  color: boolean;
  /** Hide suppressed findings (text only). */
  quiet?: boolean;
  /** Markdown: prefix turning file paths into links; size budget in characters. */
  linkBase?: string;
  maxLength?: number;
}

export type Formatter = (result: GateResult, options: FormatOptions) => string;

export const formats: Readonly<Record<string, Formatter>> = {
  text: (result, options) => formatText(result, { color: options.color, quiet: options.quiet ?? false }),
  json: (result) => formatJson(result),
  sarif: (result) => formatSarif(result),
  junit: (result) => formatJunit(result),
  markdown: (result, options) => formatMarkdown(result, { ...(options.linkBase === undefined ? {} : { linkBase: options.linkBase }), ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }) }),
  github: (result) => formatGithub(result),
};

export const formatNames = Object.keys(formats);

export function formatResult(result: GateResult, format: string, options: FormatOptions = { color: false }): string {
  const formatter = formats[format];
  if (formatter === undefined) throw new GateError(`unknown format "${format}" (one of: ${formatNames.join(", ")})`);
  return formatter(result, options);
}
