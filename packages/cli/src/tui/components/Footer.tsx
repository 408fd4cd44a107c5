// The footer: the open prompt (filter or waiver) or the last status message, and the keys.
import { Text } from "ink";
import type { ReviewState } from "../state.js";
import { truncate } from "../text.js";

const keys = "↑↓ move  ⏎ open  tab pane  / filter  s severity  g group  d diff  w waive  o edit  r rerun  ? help  q quit";

function promptLine(state: ReviewState): { text: string; error: string | null } | null {
  const mode = state.mode;
  if (mode.kind === "filter") return { text: `filter: ${state.filter}▏  (enter keeps, esc restores)`, error: null };
  if (mode.kind !== "waive") return null;
  const field = mode.field === "reason" ? `reason: ${mode.reason}▏` : `expires (YYYY-MM-DD): ${mode.expires}▏`;
  return { text: `waive ${mode.finding.rule}: ${field}`, error: mode.error };
}

export function Footer({ state, width }: { state: ReviewState; width: number }) {
  const prompt = promptLine(state);
  const status = state.status;
  const hint = state.mode.kind === "waive" ? "enter: next · esc: cancel" : state.mode.kind === "help" ? "? or esc: close the help" : keys;
  return (
    <>
      {prompt !== null ? (
        <Text wrap="truncate-end">
          <Text color="blue" bold>
            {truncate(prompt.text, width)}
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
