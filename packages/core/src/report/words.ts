// Small wording helpers the human-readable formats share: plurals and short counts.
import type { Counts } from "../types.js";

/** "1 error", "2 errors". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "1E", "1E 2W": errors always, warnings and info when there are any. */
export function shortCounts(counts: Counts): string {
  return [`${counts.error}E`, ...(counts.warning > 0 ? [`${counts.warning}W`] : []), ...(counts.info > 0 ? [`${counts.info}I`] : [])].join(" ");
}
