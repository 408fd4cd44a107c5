// GitHub's size limits on what the Action posts, and the last-resort cut when a report's own budget was not enough
// (redaction can lengthen a report after the markdown format has fitted it).

/** A pull request comment holds at most this many characters. */
export const commentLimit = 65_536;

/** A step's job summary holds at most 1 MiB. */
export const summaryLimit = 1024 * 1024;

export type Measure = (text: string) => number;

export const characters: Measure = (text) => text.length;
export const bytes: Measure = (text) => Buffer.byteLength(text, "utf8");

/** The text unchanged when it fits; else its longest prefix of whole lines that fits together with a note. */
export function clip(text: string, limit: number, measure: Measure): string {
  if (measure(text) <= limit) return text;
  const note = `\n\n> ✂️ Truncated to stay within GitHub's limit (${limit} ${measure === bytes ? "bytes" : "characters"}). Run \`mergegate check\` locally or see the SARIF report for everything.\n`;
  const lines = text.split("\n");
  let kept = "";
  for (const line of lines) {
    const next = kept === "" ? line : `${kept}\n${line}`;
    if (measure(next) + measure(note) > limit) break;
    kept = next;
  }
  return kept + note;
}

/**
 * A report rendered within a limit: first with the whole limit as the formatter's budget (in characters); when the
 * text measures more (bytes of non-ASCII text), once more with the budget scaled down; then clipped.
 */
export function fitted(render: (budget: number) => string, limit: number, measure: Measure): string {
  let text = render(limit);
  const size = measure(text);
  if (size > limit) text = render(Math.floor((limit * text.length) / size) - 1024);
  return clip(text, limit, measure);
}
