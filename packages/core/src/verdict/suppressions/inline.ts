// Inline allows: `# mergegate:allow <rule-id|check> -- <reason>` on a finding's line or the line above it.
import type { Location } from "../../types.js";

export interface InlineAllow {
  /** Report path of the file holding the comment. */
  file: string;
  line: number;
  column: number;
  /** Rule ids or check names, as written. */
  targets: string[];
  reason: string | null;
}

const marker = "mergegate:allow";
const comment = /(?:^|\s)#\s*mergegate:allow\b(.*)$/;

/** Every inline allow in a file's text. */
export function inlineAllowsOf(file: string, text: string): InlineAllow[] {
  if (!text.includes(marker)) return [];
  const allows: InlineAllow[] = [];
  text.split("\n").forEach((lineText, index) => {
    const match = comment.exec(lineText);
    if (match === null) return;
    const [targetText = "", reasonText] = (match[1] ?? "").split(/\s--(?:\s|$)/, 2);
    const targets = targetText.split(/[\s,]+/).filter((target) => target !== "");
    const reason = reasonText?.trim() ?? "";
    allows.push({ file, line: index + 1, column: lineText.indexOf("#") + 1, targets, reason: reason === "" ? null : reason });
  });
  return allows;
}

export function allowCovers(allow: InlineAllow, rule: string, check: string, location: Location): boolean {
  if (allow.file !== location.file) return false;
  if (location.line !== allow.line && location.line !== allow.line + 1) return false;
  return allow.targets.includes(rule) || allow.targets.includes(check);
}

export function allowLocation(allow: InlineAllow): Location {
  return { file: allow.file, line: allow.line, column: allow.column, endLine: allow.line, endColumn: allow.column + marker.length + 2 };
}
