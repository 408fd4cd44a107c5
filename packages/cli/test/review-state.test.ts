// The review's pure parts: the findings tree, the reducer driven through the keymap, waivers and editor commands.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { detailLines } from "../src/tui/detail.js";
import { editorCommand, waiverFor } from "../src/tui/effects.js";
import { reduceKey, type KeyContext } from "../src/tui/keymap.js";
import { layoutFor, scrollStart } from "../src/tui/layout.js";
import { lineReader, repoPath, sourcePath } from "../src/tui/source.js";
import { initialState, reduce, selectedIndex, visibleRows, type ReviewState } from "../src/tui/state.js";
import { isCalendarDate, wrap } from "../src/tui/text.js";
import { buildRows, type Row } from "../src/tui/tree.js";
import { findings, gateResult } from "./support/review-result.js";

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const context: KeyContext = { today: "2026-03-01", detailMax: 5, page: 3 };

/** Presses keys: a string is typed text, an object is a special key. */
function press(state: ReviewState, ...keys: (string | Partial<Key>)[]): ReviewState {
  return keys.reduce<ReviewState>((current, key) => (typeof key === "string" ? reduceKey(current, key, noKey, context) : reduceKey(current, "", { ...noKey, ...key }, context)), state);
}

const selectedRow = (state: ReviewState): Row | null => {
  const rows = visibleRows(state);
  return rows[selectedIndex(state, rows)] ?? null;
};
const loaded = (): ReviewState => reduce({ ...initialState, effects: [] }, { type: "runFinished", result: gateResult("/repo") });
const labels = (state: ReviewState): string[] => visibleRows(state).map((row) => `${"  ".repeat(row.depth)}${row.kind === "group" ? row.label : row.finding.rule}`);

describe("the findings tree", () => {
  it("groups environment → resource → finding with counts, suppressed findings counted apart", () => {
    const rows = buildRows(findings, { grouping: "environment", severity: "info", filter: "", collapsed: new Set() });
    expect(rows.map((row) => `${row.depth} ${row.kind === "group" ? row.label : row.finding.rule}`)).toEqual([
      "0 files (every environment)",
      "1 apps/quota.yaml",
      "2 yaml/duplicate-key",
      "0 dev",
      "1 ConfigMap shop/bad_name",
      "2 k8s/invalid-name",
      "0 prod",
      "1 ConfigMap shop/bad_name",
      "2 k8s/invalid-name",
      "1 Deployment shop/web",
      "2 policy/production-replicas",
      "2 policy/image-digest",
    ]);
    const prod = rows.find((row) => row.key === "e:prod");
    expect(prod?.kind === "group" ? prod.counts : null).toEqual({ error: 1, warning: 1, info: 0, suppressed: 1 });
  });

  it("groups by rule, and keeps each finding's key across groupings", () => {
    const byEnvironment = buildRows(findings, { grouping: "environment", severity: "info", filter: "", collapsed: new Set() });
    const byRule = buildRows(findings, { grouping: "rule", severity: "info", filter: "", collapsed: new Set() });
    expect(byRule.filter((row) => row.kind === "group").map((row) => row.label)).toEqual(["yaml/duplicate-key", "k8s/invalid-name", "policy/production-replicas", "policy/image-digest"]);
    const keys = (rows: typeof byRule): string[] => rows.filter((row) => row.kind === "finding").map((row) => row.key).sort();
    expect(keys(byRule)).toEqual(keys(byEnvironment));
    expect(new Set(keys(byRule)).size).toBe(findings.length);
  });
});

describe("navigation", () => {
  it("moves with j/k and the arrows, and stops at both ends", () => {
    let state = loaded();
    expect(selectedRow(state)?.key).toBe("e:");
    state = press(state, "j", "j", { downArrow: true });
    expect(selectedRow(state)?.key).toBe("e:dev");
    state = press(state, "k", { upArrow: true }, "k", "k", "k");
    expect(selectedRow(state)?.key).toBe("e:");
    state = press(state, { pageDown: true }, { pageDown: true }, { pageDown: true }, { pageDown: true }, { pageDown: true });
    expect(selectedRow(state)?.kind === "finding" ? selectedRow(state)?.key : null).toMatch(/policy\/image-digest/);
  });

  it("collapses with ←, goes to the parent from a finding, expands with → and enter", () => {
    let state = press(loaded(), "j", "j");
    expect(selectedRow(state)?.kind).toBe("finding");
    state = press(state, { leftArrow: true });
    expect(selectedRow(state)?.label).toBe("apps/quota.yaml");
    state = press(state, { leftArrow: true });
    expect(labels(state).slice(0, 3)).toEqual(["files (every environment)", "  apps/quota.yaml", "dev"]);
    state = press(state, { leftArrow: true }, { leftArrow: true });
    expect(selectedRow(state)?.key).toBe("e:");
    expect(labels(state).slice(0, 2)).toEqual(["files (every environment)", "dev"]);
    state = press(state, { rightArrow: true });
    expect(labels(state).slice(0, 3)).toEqual(["files (every environment)", "  apps/quota.yaml", "dev"]);
    state = press(state, "j", { return: true });
    expect(labels(state)).toHaveLength(12);
  });

  it("enter on a finding focuses the detail pane, which then scrolls within its limit; tab switches back", () => {
    let state = press(loaded(), "j", "j", { return: true });
    expect(state.focus).toBe("detail");
    state = press(state, "j", "j", { pageDown: true }, { pageDown: true });
    expect(state.detailOffset).toBe(context.detailMax);
    state = press(state, { tab: true }, "j");
    expect(state.focus).toBe("list");
    expect(selectedRow(state)?.key).toBe("e:dev");
    expect(state.detailOffset).toBe(0);
  });

  it("g switches the grouping, d the diff view, ? the help; q queues quitting", () => {
    let state = press(loaded(), "g");
    expect(labels(state)[0]).toBe("yaml/duplicate-key");
    state = press(state, "d", "?");
    expect(state.showDiff).toBe(true);
    expect(state.mode.kind).toBe("help");
    state = press(state, "j", "?");
    expect(state.mode.kind).toBe("browse");
    expect(selectedRow(state)?.key).toBe("u:yaml/duplicate-key");
    expect(press(state, "q").effects).toEqual([{ kind: "quit" }]);
  });
});

describe("filters", () => {
  it("/ filters by text as it is typed; enter keeps it, escape restores the previous one", () => {
    let state = press(loaded(), "/", "w", "e", "b");
    expect(state.mode.kind).toBe("filter");
    expect(labels(state)).toEqual(["prod", "  Deployment shop/web", "    policy/production-replicas", "    policy/image-digest"]);
    state = press(state, { return: true });
    expect(state.mode.kind).toBe("browse");
    expect(state.filter).toBe("web");
    state = press(state, "/", { backspace: true }, { backspace: true }, { backspace: true }, "quota");
    expect(labels(state)).toEqual(["files (every environment)", "  apps/quota.yaml", "    yaml/duplicate-key"]);
    state = press(state, { escape: true });
    expect(state.filter).toBe("web");
  });

  it("a burst of typed keys is read key by key: /web then enter in one chunk", () => {
    const state = press(loaded(), "/dev\r");
    expect(state.mode.kind).toBe("browse");
    expect(labels(state)).toEqual(["dev", "  ConfigMap shop/bad_name", "    k8s/invalid-name"]);
  });

  it("s cycles the lowest severity shown: all, warnings and errors, errors only", () => {
    let state = press(loaded(), "s");
    expect(state.severity).toBe("warning");
    expect(visibleRows(state).filter((row) => row.kind === "finding").map((row) => row.finding.severity)).toEqual(["error", "error", "error", "warning"]);
    state = press(state, "s");
    expect(labels(state)).not.toContain("    policy/production-replicas");
    expect(press(state, "s").severity).toBe("info");
  });
});

describe("waiving", () => {
  const onFinding = (): ReviewState => press(loaded(), "/", "replicas", { return: true }, "j", "j");

  it("asks a reason, then an expiry 30 days ahead, and queues the waiver", () => {
    let state = press(onFinding(), "w");
    expect(state.mode).toMatchObject({ kind: "waive", field: "reason", expires: "2026-03-31" });
    state = press(state, { return: true });
    expect(state.mode).toMatchObject({ field: "reason", error: "a waiver needs a reason" });
    state = press(state, "one replica until the HA rollout", { return: true });
    expect(state.mode).toMatchObject({ field: "expires" });
    state = press(state, { return: true });
    expect(state.mode.kind).toBe("browse");
    expect(state.effects).toEqual([{ kind: "waive", finding: findings[3], reason: "one replica until the HA rollout", expires: "2026-03-31" }]);
  });

  it("shows the proposed expiry selected: typing replaces it, backspace clears it, enter keeps it", () => {
    const onExpiry = press(onFinding(), "w", "r", { return: true });
    expect(onExpiry.mode).toMatchObject({ field: "expires", expires: "2026-03-31", proposed: true });
    const typed = press(onExpiry, "2026-06-30");
    expect(typed.mode).toMatchObject({ expires: "2026-06-30", proposed: false });
    expect(press(onExpiry, { backspace: true }).mode).toMatchObject({ expires: "", proposed: false });
    const edited = press(typed, { backspace: true }, "1");
    expect(edited.mode).toMatchObject({ expires: "2026-06-31" });
    expect(press(onExpiry, { return: true }).effects).toEqual([{ kind: "waive", finding: findings[3], reason: "r", expires: "2026-03-31" }]);
  });

  it("rejects an expiry that is not a date or is in the past, and escape cancels", () => {
    let state = press(onFinding(), "w", "r", { return: true });
    for (let count = 0; count < 10; count++) state = press(state, { backspace: true });
    state = press(state, "2026-02-30", { return: true });
    expect(state.mode).toMatchObject({ kind: "waive", error: "the expiry must be a date YYYY-MM-DD" });
    for (let count = 0; count < 10; count++) state = press(state, { delete: true });
    state = press(state, "2026-02-28", { return: true });
    expect(state.mode).toMatchObject({ kind: "waive", error: "2026-02-28 is in the past" });
    state = press(state, { escape: true });
    expect(state.mode.kind).toBe("browse");
    expect(state.effects).toEqual([]);
  });

  it("refuses groups and findings that are already suppressed", () => {
    expect(press(loaded(), "w").status?.text).toBe("select a finding to waive");
    const suppressed = press(loaded(), "/", "digest", { return: true }, "j", "j", "w");
    expect(suppressed.mode.kind).toBe("browse");
    expect(suppressed.status?.text).toBe("already suppressed (waiver)");
  });

  it("writes the narrowest waiver: environment and object, or the file when there is no object", () => {
    expect(waiverFor(findings[3]!, "why", "2026-04-01", "apps/web.yaml")).toEqual({
      rule: "policy/production-replicas", env: "prod", resource: { kind: "Deployment", namespace: "shop", name: "web" }, reason: "why", expires: "2026-04-01",
    });
    expect(waiverFor(findings[0]!, "why", "2026-04-01", "apps/quota.yaml")).toEqual({ rule: "yaml/duplicate-key", file: "apps/quota.yaml", reason: "why", expires: "2026-04-01" });
  });
});

describe("effects", () => {
  it("o opens the selected finding; r re-runs only when the gate is idle", () => {
    const state = press(loaded(), "o", "j", "j", "o");
    expect(state.status?.text).toBe("select a finding to open its file");
    expect(state.effects).toEqual([{ kind: "open", finding: findings[0] }]);
    expect(press(loaded(), "r").effects).toEqual([{ kind: "run" }]);
    expect(press({ ...loaded(), running: true }, "r").status?.text).toBe("the gate is already running");
  });

  it("starts $EDITOR with +LINE FILE, keeping the editor's own arguments", () => {
    expect(editorCommand("code --wait", "/r/a.yaml", 7)).toEqual({ command: "code", args: ["--wait", "+7", "/r/a.yaml"] });
    expect(editorCommand(undefined, "/r/a.yaml", 1)).toEqual({ command: "vi", args: ["+1", "/r/a.yaml"] });
  });
});

describe("the detail pane", () => {
  it("shows the message, the source around the line with the line marked, the rule's docs, and redacts", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "mergegate-review-"));
    try {
      mkdirSync(path.join(root, "apps"));
      writeFileSync(path.join(root, "apps/web.yaml"), Array.from({ length: 12 }, (_, index) => `line ${index + 1}${index === 7 ? " token s3cr3t" : ""}`).join("\n"));
      const result = gateResult(root, { redact: (text) => text.replaceAll("s3cr3t", "<redacted>") });
      const row = buildRows([findings[3]!], { grouping: "environment", severity: "info", filter: "", collapsed: new Set() }).at(-1) ?? null;
      const lines = detailLines(row, result, { width: 60, showDiff: false }, { lines: lineReader(root), docs: (rule) => `docs of ${rule}` });
      expect(lines.map((line) => line.text)).toContain('Deployment "web" runs 1 replica(s) in production');
      expect(lines.filter((line) => line.text.includes("│")).map((line) => `${line.style} ${line.text}`)).toEqual([
        "dim    6 │ line 6",
        "dim    7 │ line 7",
        "marked >  8 │ line 8 token <redacted>",
        "dim    9 │ line 9",
        "dim   10 │ line 10",
      ]);
      expect(lines.at(-1)?.text).toBe("docs of policy/production-replicas");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("redacts a source line whole before cutting it to the pane's width", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "mergegate-review-"));
    try {
      mkdirSync(path.join(root, "apps"));
      const token = "tok-" + "x7".repeat(30);
      writeFileSync(path.join(root, "apps/web.yaml"), Array.from({ length: 12 }, (_, index) => `line ${index + 1}${index === 7 ? ` token: ${token}` : ""}`).join("\n"));
      const result = gateResult(root, { redact: (text) => text.replaceAll(token, "<redacted>") });
      const row = buildRows([findings[3]!], { grouping: "environment", severity: "info", filter: "", collapsed: new Set() }).at(-1) ?? null;
      const lines = detailLines(row, result, { width: 40, showDiff: false }, { lines: lineReader(root), docs: () => null });
      const marked = lines.find((line) => line.style === "marked")?.text ?? "";
      expect(marked).toContain("token: <redacted>");
      expect(marked).not.toContain("x7x7");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("shows the object's field-level render diff in the diff view", () => {
    const diff = {
      base: { ref: "origin/main", commit: "0123456789abcdef" },
      head: { ref: "WORKTREE", commit: null },
      environments: [
        {
          env: "prod",
          added: [],
          removed: [],
          changed: [
            {
              ref: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" },
              previousName: null,
              changes: [{ path: "/spec/replicas", before: 3, after: 1 }, { path: "/spec/paused", before: null, after: true }],
              objects: { before: { spec: { replicas: 3 } }, after: { spec: { replicas: 1, paused: true } } },
            },
          ],
        },
      ],
    };
    const result = gateResult("/repo", { diff });
    const row = buildRows([findings[3]!], { grouping: "rule", severity: "info", filter: "", collapsed: new Set() }).at(-1) ?? null;
    const sources = { lines: () => null, docs: () => null };
    expect(detailLines(row, result, { width: 60, showDiff: false }, sources).map((line) => line.text)).toContain("d: render diff (2 changed fields)");
    const shown = detailLines(row, result, { width: 60, showDiff: true }, sources);
    expect(shown.slice(shown.findIndex((line) => line.text === "Render diff") + 1).map((line) => `${line.style} ${line.text}`)).toEqual([
      "changed ~ /spec/replicas",
      "removed     - 3",
      "added     + 1",
      "added + /spec/paused",
      "added     + true",
    ]);
    const other = buildRows([findings[2]!], { grouping: "rule", severity: "info", filter: "", collapsed: new Set() }).at(-1) ?? null;
    expect(detailLines(other, result, { width: 60, showDiff: true }, sources).at(-1)?.text).toBe("the object is unchanged against origin/main (01234567)");
  });
});

describe("files and text", () => {
  it("finds a finding's file under DIR whether paths start at DIR or at the git top-level", () => {
    const top = mkdtempSync(path.join(os.tmpdir(), "mergegate-review-"));
    try {
      const dir = path.join(top, "envs/acme");
      mkdirSync(path.join(dir, "apps"), { recursive: true });
      writeFileSync(path.join(dir, "apps/a.yaml"), "a: 1\n");
      writeFileSync(path.join(top, "outside.yaml"), "b: 1\n");
      expect(sourcePath(dir, "apps/a.yaml")).toBe(path.join(dir, "apps/a.yaml"));
      expect(sourcePath(dir, "envs/acme/apps/a.yaml")).toBe(path.join(dir, "apps/a.yaml"));
      expect(sourcePath(dir, "outside.yaml")).toBeNull();
      expect(repoPath(dir, path.join(dir, "apps/a.yaml"))).toBe("apps/a.yaml");
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  it("wraps at spaces, breaks long words, checks calendar dates, sizes the panes, keeps the selection in view", () => {
    expect(wrap("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect([scrollStart(0, 30, 5), scrollStart(10, 30, 5), scrollStart(29, 30, 5), scrollStart(2, 3, 5)]).toEqual([0, 8, 25, 0]);
    expect(layoutFor(80, 24)).toMatchObject({ tooSmall: false, innerWidth: 78, listBox: 8, detailBox: 12, listHeight: 5, detailHeight: 10 });
    expect(layoutFor(39, 24).tooSmall).toBe(true);
  });
});
