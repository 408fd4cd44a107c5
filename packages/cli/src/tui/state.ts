// The review screen's state and its pure reducer: every key press and every gate run becomes an action handled here.
import type { Finding, GateResult } from "@mergegate/core";
import { addDays, isCalendarDate } from "./text.js";
import { buildRows, type Grouping, type Row, type SeverityFilter } from "./tree.js";

export type Pane = "list" | "detail";

export type Mode =
  | { kind: "browse" }
  | { kind: "help" }
  /** Typing a filter; the list follows each key. `previous` comes back on escape. */
  | { kind: "filter"; previous: string }
  | {
      kind: "waive";
      finding: Finding;
      field: "reason" | "expires";
      reason: string;
      expires: string;
      /** The field's value is a proposal, shown selected: typing replaces it, enter keeps it. */
      proposed: boolean;
      today: string;
      error: string | null;
    };

/** Work for the app to do outside the reducer; it takes the queue and dispatches what happened. */
export type Effect =
  | { kind: "run" }
  | { kind: "waive"; finding: Finding; reason: string; expires: string }
  | { kind: "open"; finding: Finding }
  | { kind: "quit" };

export interface ReviewState {
  result: GateResult | null;
  running: boolean;
  runError: string | null;
  grouping: Grouping;
  severity: SeverityFilter;
  filter: string;
  collapsed: ReadonlySet<string>;
  /** The selected row's key; null selects the first row. */
  selected: string | null;
  focus: Pane;
  showDiff: boolean;
  detailOffset: number;
  mode: Mode;
  /** One line for the footer: what just happened or went wrong. */
  status: { text: string; error: boolean } | null;
  effects: readonly Effect[];
}

export type Action =
  | { type: "runFinished"; result: GateResult }
  | { type: "runFailed"; message: string }
  | { type: "move"; by: number; detailMax: number }
  | { type: "expand" }
  | { type: "collapse" }
  | { type: "switchPane" }
  | { type: "startFilter" }
  | { type: "type"; text: string }
  | { type: "erase" }
  | { type: "submit" }
  | { type: "cancel" }
  | { type: "cycleSeverity" }
  | { type: "toggleGrouping" }
  | { type: "toggleDiff" }
  | { type: "toggleHelp" }
  | { type: "startWaive"; today: string }
  | { type: "open" }
  | { type: "rerun" }
  | { type: "quit" }
  | { type: "effectsTaken" }
  | { type: "status"; text: string; error: boolean };

/** How far ahead the expiry prompt starts. */
const defaultWaiverDays = 30;

export const initialState: ReviewState = {
  result: null,
  running: true,
  runError: null,
  grouping: "environment",
  severity: "info",
  filter: "",
  collapsed: new Set(),
  selected: null,
  focus: "list",
  showDiff: false,
  detailOffset: 0,
  mode: { kind: "browse" },
  status: null,
  effects: [{ kind: "run" }],
};

export function visibleRows(state: ReviewState): Row[] {
  if (state.result === null) return [];
  return buildRows(state.result.findings, { grouping: state.grouping, severity: state.severity, filter: state.filter, collapsed: state.collapsed });
}

export function selectedIndex(state: ReviewState, rows: readonly Row[]): number {
  const index = rows.findIndex((row) => row.key === state.selected);
  return index === -1 ? 0 : index;
}

const severityCycle: Record<SeverityFilter, SeverityFilter> = { info: "warning", warning: "error", error: "info" };

export function reduce(state: ReviewState, action: Action): ReviewState {
  switch (action.type) {
    case "runFinished":
      return { ...state, result: action.result, running: false, runError: null };
    case "runFailed":
      // the previous result no longer describes the repository: show the error instead of a stale verdict
      return { ...state, result: null, running: false, runError: action.message, status: { text: action.message, error: true } };
    case "effectsTaken":
      return { ...state, effects: [] };
    case "status":
      return { ...state, status: { text: action.text, error: action.error } };
    case "quit":
      return { ...state, effects: [...state.effects, { kind: "quit" }] };
    default:
      return modal(state, action);
  }
}

/** Keys mean different things while a prompt or the help is open. */
function modal(state: ReviewState, action: Action): ReviewState {
  const mode = state.mode;
  if (mode.kind === "help") return action.type === "toggleHelp" || action.type === "cancel" ? { ...state, mode: { kind: "browse" } } : state;
  if (mode.kind === "filter") return filtering(state, mode, action);
  if (mode.kind === "waive") return waiving(state, mode, action);
  return browsing(state, action);
}

function browsing(state: ReviewState, action: Action): ReviewState {
  const rows = visibleRows(state);
  const index = selectedIndex(state, rows);
  const row = rows[index] ?? null;
  switch (action.type) {
    case "move": {
      if (state.focus === "detail") return { ...state, detailOffset: clamp(state.detailOffset + action.by, 0, action.detailMax) };
      const next = rows[clamp(index + action.by, 0, rows.length - 1)];
      return next === undefined ? state : { ...state, selected: next.key, detailOffset: 0 };
    }
    case "expand":
      if (row?.kind === "group" && row.collapsed) return { ...state, collapsed: without(state.collapsed, row.key) };
      if (row?.kind === "finding") return { ...state, focus: "detail" };
      return state;
    case "collapse":
      if (state.focus === "detail") return { ...state, focus: "list" };
      if (row?.kind === "group" && !row.collapsed) return { ...state, collapsed: new Set([...state.collapsed, row.key]) };
      return row?.parent === null || row === null ? state : { ...state, selected: row.parent, detailOffset: 0 };
    case "switchPane":
      return { ...state, focus: state.focus === "list" ? "detail" : "list" };
    case "startFilter":
      return { ...state, mode: { kind: "filter", previous: state.filter }, status: null };
    case "cycleSeverity":
      return { ...state, severity: severityCycle[state.severity] };
    case "toggleGrouping":
      return { ...state, grouping: state.grouping === "environment" ? "rule" : "environment", collapsed: new Set() };
    case "toggleDiff":
      return { ...state, showDiff: !state.showDiff, detailOffset: 0 };
    case "toggleHelp":
      return { ...state, mode: { kind: "help" } };
    case "rerun":
      return rerun(state);
    case "open":
      if (row?.kind !== "finding") return notice(state, "select a finding to open its file");
      if (row.finding.location === null) return notice(state, "this finding has no file location");
      return { ...state, effects: [...state.effects, { kind: "open", finding: row.finding }] };
    case "startWaive": {
      if (row?.kind !== "finding") return notice(state, "select a finding to waive");
      const problem = unwaivable(row.finding);
      if (problem !== null) return notice(state, problem);
      const mode: Mode = { kind: "waive", finding: row.finding, field: "reason", reason: "", expires: addDays(action.today, defaultWaiverDays), proposed: false, today: action.today, error: null };
      return { ...state, mode, status: null };
    }
    default:
      return state;
  }
}

function filtering(state: ReviewState, mode: Extract<Mode, { kind: "filter" }>, action: Action): ReviewState {
  switch (action.type) {
    case "type":
      return { ...state, filter: state.filter + action.text };
    case "erase":
      return { ...state, filter: state.filter.slice(0, -1) };
    case "submit":
      return { ...state, mode: { kind: "browse" } };
    case "cancel":
      return { ...state, filter: mode.previous, mode: { kind: "browse" } };
    default:
      return state;
  }
}

function waiving(state: ReviewState, mode: Extract<Mode, { kind: "waive" }>, action: Action): ReviewState {
  const field = mode.field;
  switch (action.type) {
    case "type":
      return { ...state, mode: { ...mode, [field]: (mode.proposed ? "" : mode[field]) + action.text, proposed: false, error: null } };
    case "erase":
      return { ...state, mode: { ...mode, [field]: mode.proposed ? "" : mode[field].slice(0, -1), proposed: false, error: null } };
    case "cancel":
      return { ...state, mode: { kind: "browse" }, status: { text: "waiver cancelled", error: false } };
    case "submit": {
      if (field === "reason") {
        return mode.reason.trim() === "" ? { ...state, mode: { ...mode, error: "a waiver needs a reason" } } : { ...state, mode: { ...mode, field: "expires", proposed: true, error: null } };
      }
      const expires = mode.expires.trim();
      if (!isCalendarDate(expires)) return { ...state, mode: { ...mode, error: "the expiry must be a date YYYY-MM-DD" } };
      if (expires < mode.today) return { ...state, mode: { ...mode, error: `${expires} is in the past` } };
      const effect: Effect = { kind: "waive", finding: mode.finding, reason: mode.reason.trim(), expires };
      return { ...state, mode: { kind: "browse" }, effects: [...state.effects, effect] };
    }
    default:
      return state;
  }
}

function rerun(state: ReviewState): ReviewState {
  if (state.running) return notice(state, "the gate is already running");
  return { ...state, running: true, status: null, effects: [...state.effects, { kind: "run" }] };
}

/** Findings about suppressions themselves cannot be waived (the suppression model never applies to them). */
function unwaivable(finding: Finding): string | null {
  if (finding.suppression !== null) return `already suppressed (${finding.suppression.kind})`;
  if (finding.check === "suppression" || finding.check === "waiver") return `${finding.rule} is about a suppression and cannot be waived: fix it`;
  return null;
}

function notice(state: ReviewState, text: string): ReviewState {
  return { ...state, status: { text, error: false } };
}

function without(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  next.delete(key);
  return next;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}
