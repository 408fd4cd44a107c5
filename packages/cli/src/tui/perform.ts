// Carries out the reducer's effects: runs the gate, writes a waiver, hands the terminal to $EDITOR, quits.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { GateError, type GateResult, type WaiveRequest } from "@mergegate/core";
import { editorCommand, waiverFor } from "./effects.js";
import { repoPath, sourcePath } from "./source.js";
import type { Action, Effect } from "./state.js";

export interface Performers {
  dispatch: (action: Action) => void;
  /** Runs the gate (runGate with the command's options). */
  run: () => Promise<GateResult>;
  /** Writes a waiver (core's appendWaiver, as `mergegate waive` does); resolves to the file written. */
  waive: (waiver: WaiveRequest["waiver"]) => Promise<string>;
  /** $EDITOR. */
  editor: string | undefined;
  /** ink's raw mode, released while the editor owns the terminal. */
  setRawMode: (enabled: boolean) => void;
  /** Called after the editor returns, to restore the screen. */
  afterEditor: (() => void) | undefined;
  exit: () => void;
}

export function perform(effect: Effect, result: GateResult | null, performers: Performers): void {
  const { dispatch } = performers;
  switch (effect.kind) {
    case "run":
      performers.run().then(
        (next) => dispatch({ type: "runFinished", result: next }),
        (error: unknown) => dispatch({ type: "runFailed", message: messageOf(error) }),
      );
      return;
    case "waive": {
      const absolute = result === null ? null : fileOf(result, effect.finding.location?.file ?? null);
      const file = result === null || absolute === null ? null : repoPath(result.root, absolute);
      performers.waive(waiverFor(effect.finding, effect.reason, effect.expires, file)).then(
        (written) => {
          dispatch({ type: "rerun" });
          dispatch({ type: "status", text: `waiver for ${effect.finding.rule} written to ${result === null ? written : repoPath(result.root, written)}`, error: false });
        },
        (error: unknown) => dispatch({ type: "status", text: `waiver not written: ${messageOf(error)}`, error: true }),
      );
      return;
    }
    case "open":
      openEditor(effect.finding.location, result, performers);
      return;
    case "quit":
      performers.exit();
      return;
  }
}

function openEditor(location: { file: string; line: number } | null, result: GateResult | null, performers: Performers): void {
  const absolute = result === null || location === null ? null : fileOf(result, location.file);
  if (location === null || absolute === null) {
    performers.dispatch({ type: "status", text: `cannot find ${location?.file ?? "the file"}`, error: true });
    return;
  }
  const { command, args } = editorCommand(performers.editor, absolute, location.line);
  performers.setRawMode(false);
  const child = spawnSync(command, args, { stdio: "inherit" });
  performers.setRawMode(true);
  performers.afterEditor?.();
  const failed = child.error !== undefined ? child.error.message : child.status !== 0 ? `${command} exited with ${child.status ?? child.signal}` : null;
  performers.dispatch({ type: "status", text: failed === null ? `back from ${path.basename(command)}; r re-runs the gate` : `editor: ${failed}`, error: failed !== null });
}

function fileOf(result: GateResult, file: string | null): string | null {
  return file === null ? null : sourcePath(result.root, file);
}

function messageOf(error: unknown): string {
  if (error instanceof GateError) return error.oneLine();
  return error instanceof Error ? error.message : String(error);
}
