// The diff formats behind one interface; each formats a diff already redacted where its values stand (runGate).
import { GateError } from "../../errors.js";
import type { DiffResult } from "../../gate.js";
import type { RenderDiff } from "../../diff/render-diff.js";
import { formatDiffJson } from "./json.js";
import { formatDiffMarkdown } from "./markdown.js";
import { formatDiffText } from "./text.js";

export const diffFormats: Readonly<Record<string, (diff: RenderDiff) => string>> = {
  text: formatDiffText,
  json: formatDiffJson,
  markdown: formatDiffMarkdown,
};

export const diffFormatNames = Object.keys(diffFormats);

export function formatDiff(result: DiffResult, format: string): string {
  const formatter = diffFormats[format];
  if (formatter === undefined) throw new GateError(`unknown format "${format}" (one of: ${diffFormatNames.join(", ")})`);
  return formatter(result.diff);
}
