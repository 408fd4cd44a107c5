// The keys: what a key press means in the current mode, as a reducer action (null: the key does nothing here).
import type { Key } from "ink";
import { reduce, type Action, type ReviewState } from "./state.js";

export interface KeyContext {
  /** Today, YYYY-MM-DD (UTC): the expiry prompt starts 30 days after it. */
  today: string;
  /** How far the detail pane can scroll, and how many rows a page is. */
  detailMax: number;
  page: number;
}

export const keyHelp: readonly (readonly [string, string])[] = [
  ["↑ ↓  j k", "move (scroll the detail pane when it has the focus)"],
  ["PgUp PgDn", "move a page"],
  ["enter →", "expand a group; on a finding, focus the detail pane"],
  ["←", "collapse a group, go to the parent, leave the detail pane"],
  ["tab", "switch between the list and the detail pane"],
  ["/", "filter by text (enter keeps it, esc restores)"],
  ["s", "cycle the severity filter: all, warnings and errors, errors"],
  ["g", "group by environment → resource, or by rule"],
  ["d", "show the field-level render diff of the finding's object"],
  ["w", "waive the selected finding (reason, expiry date)"],
  ["o", "open $EDITOR at the finding's file:line"],
  ["r", "run the gate again"],
  ["?", "this help"],
  ["q", "quit"],
];

/**
 * Applies a key press to the state. Keys typed faster than the terminal is read (or pasted) arrive as one string:
 * each character is then a key of its own, so "/web" opens the filter and types "web".
 */
export function reduceKey(state: ReviewState, input: string, key: Key, context: KeyContext): ReviewState {
  const characters = [...input];
  const presses: [string, Key][] = characters.length > 1 && !key.ctrl && !key.meta ? characters.map((character) => [character, keyOf(character, key)]) : [[input, key]];
  return presses.reduce((current, [character, pressed]) => {
    const action = actionFor(current, character, pressed, context);
    return action === null ? current : reduce(current, action);
  }, state);
}

/** The key of one character of a longer string: enter, tab and backspace arrive as their control characters. */
function keyOf(character: string, key: Key): Key {
  return { ...key, return: character === "\r" || character === "\n", tab: character === "\t", backspace: character === "\u007f" || character === "\b" };
}

export function actionFor(state: ReviewState, input: string, key: Key, context: KeyContext): Action | null {
  if (key.ctrl && input === "c") return { type: "quit" };
  const mode = state.mode.kind;
  if (mode === "filter" || mode === "waive") return promptAction(input, key);
  if (mode === "help") return key.escape || input === "?" || input === "q" ? { type: "toggleHelp" } : null;
  return browseAction(input, key, context);
}

function promptAction(input: string, key: Key): Action | null {
  if (key.return) return { type: "submit" };
  if (key.escape) return { type: "cancel" };
  if (key.backspace || key.delete) return { type: "erase" };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return null;
  const text = input.replace(/[\u0000-\u001f\u007f]/g, "");
  return text === "" ? null : { type: "type", text };
}

function browseAction(input: string, key: Key, context: KeyContext): Action | null {
  const move = (by: number): Action => ({ type: "move", by, detailMax: context.detailMax });
  if (key.upArrow || input === "k") return move(-1);
  if (key.downArrow || input === "j") return move(1);
  if (key.pageUp) return move(-context.page);
  if (key.pageDown) return move(context.page);
  if (key.return || key.rightArrow) return { type: "expand" };
  if (key.leftArrow) return { type: "collapse" };
  if (key.tab) return { type: "switchPane" };
  const byInput: Record<string, Action> = {
    "/": { type: "startFilter" },
    s: { type: "cycleSeverity" },
    g: { type: "toggleGrouping" },
    d: { type: "toggleDiff" },
    w: { type: "startWaive", today: context.today },
    o: { type: "open" },
    r: { type: "rerun" },
    "?": { type: "toggleHelp" },
    q: { type: "quit" },
  };
  return byInput[input] ?? null;
}
