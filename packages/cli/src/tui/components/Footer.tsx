// The footer: the open prompt (filter or waiver) or the last status message, and the keys.
import { Text } from "ink";
import type { ReviewState } from "../state.js";
import { columns, truncate } from "../text.js";

/** The key hints, most used first; `? help` and `q quit` are kept whatever the width (the help lists every key). */
const keys = ["↑↓ move", "⏎ open", "tab pane", "/ filter", "w waive", "d diff", "s severity", "g group", "o edit", "r rerun"];
const always = ["? help", "q quit"];

/** As many hints as fit in `width` columns, always ending with `? help  q quit`. */
export function keyHints(width: number): string {
  const tail = always.join("  ");
  const shown: string[] = [];
  for (const hint of keys) {
    if (columns([...shown, hint, tail].join("  ")) > width) break;
    shown.push(hint);
  }
  return [...shown, tail].join("  ");
}

interface Prompt {
  /** Before the value, the value (shown selected when it is a proposal), after it. */
  before: string;
  value: string;
  selected: boolean;
  after: string;
  error: string | null;
}

function promptOf(state: ReviewState): Prompt | null {
  const mode = state.mode;
  if (mode.kind === "filter") return { before: "filter: ", value: state.filter, selected: false, after: "▏  (enter keeps, esc restores)", error: null };
  if (mode.kind !== "waive") return null;
  const before = `waive ${mode.finding.rule}: ${mode.field === "reason" ? "reason: " : "expires (YYYY-MM-DD): "}`;
  const value = mode.field === "reason" ? mode.reason : mode.expires;
  return { before, value, selected: mode.proposed, after: mode.proposed ? "  (type to replace, enter keeps)" : "▏", error: mode.error };
}

export function Footer({ state, width }: { state: ReviewState; width: number }) {
  const prompt = promptOf(state);
  const status = state.status;
  const hint = state.mode.kind === "waive" ? "enter: next · esc: cancel" : state.mode.kind === "help" ? "? or esc: close the help" : keyHints(width);
  return (
    <>
      {prompt !== null ? (
        <Text wrap="truncate-end">
          <Text color="blue" bold>
            {prompt.before}
          </Text>
          <Text color="blue" bold inverse={prompt.selected}>
            {prompt.value}
          </Text>
          <Text color="blue" bold>
            {prompt.after}
          </Text>
          {prompt.error === null ? "" : <Text color="red">{`  ${prompt.error}`}</Text>}
        </Text>
      ) : (
        <Text wrap="truncate-end" color={status?.error ? "red" : "green"}>
          {truncate(status?.text ?? " ", width)}
        </Text>
      )}
      <Text wrap="truncate-end" dimColor>
        {truncate(hint, width)}
      </Text>
    </>
  );
}
