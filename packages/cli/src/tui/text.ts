// Fitting text to the terminal by display width (wide characters take two columns): cutting with cli-truncate,
// wrapping with wrap-ansi, measuring with string-width — the libraries ink itself uses.
import cliTruncate from "cli-truncate";
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

/** Columns the text takes on a terminal. */
export function columns(text: string): number {
  return stringWidth(text);
}

/** Cuts a line to `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  return cliTruncate(text, width);
}

/** Exactly `width` columns: cut with an ellipsis, or padded with spaces (so pane borders line up). */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + " ".repeat(Math.max(0, width - columns(cut)));
}

/** Wraps text to `width` columns at spaces, breaking words longer than a line; keeps blank lines. */
export function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(1, width), { hard: true }).split("\n");
}

/** `2026-01-31` plus `days` days, in UTC. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
