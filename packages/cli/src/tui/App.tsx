// The review app: dispatches keys through the keymap to the reducer, lays out the panes, hands effects to perform().
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Box, Text, useApp, useInput, useStdin, useStdout, type Key } from "ink";
import type { GateResult } from "@mergegate/core";
import { DetailPane } from "./components/DetailPane.js";
import { FindingList } from "./components/FindingList.js";
import { Footer } from "./components/Footer.js";
import { Header } from "./components/Header.js";
import { HelpPane } from "./components/HelpPane.js";
import { detailLines, ruleDocs, type DetailSources } from "./detail.js";
import { reduceKey, type KeyContext } from "./keymap.js";
import { layoutFor, minimumSize } from "./layout.js";
import { perform, type Performers } from "./perform.js";
import { lineReader } from "./source.js";
import { wrap } from "./text.js";
import { initialState, reduce, selectedIndex, visibleRows, type Action, type ReviewState } from "./state.js";

export interface ReviewAppProps extends Pick<Performers, "run" | "waive" | "editor"> {
  /** Shown in the header: the repository being reviewed. */
  title: string;
  /** Called after the editor returns, to restore the screen. */
  afterEditor?: () => void;
}

type Event = Action | { type: "key"; input: string; key: Key; context: KeyContext };

function reduceEvent(state: ReviewState, event: Event): ReviewState {
  return event.type === "key" ? reduceKey(state, event.input, event.key, event.context) : reduce(state, event);
}

function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = (): { columns: number; rows: number } => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}

/** Seconds since the current run started and an animation step, while the gate runs. */
function useProgress(running: boolean): { elapsed: number; tick: number } {
  const [tick, setTick] = useState(0);
  const started = useRef(Date.now());
  useEffect(() => {
    if (!running) return;
    started.current = Date.now();
    setTick(0);
    const timer = setInterval(() => setTick((value) => value + 1), 100);
    return () => clearInterval(timer);
  }, [running]);
  return { elapsed: Math.floor((Date.now() - started.current) / 1000), tick };
}

export function ReviewApp(props: ReviewAppProps) {
  const [state, dispatch] = useReducer(reduceEvent, initialState);
  const { exit } = useApp();
  const { setRawMode } = useStdin();
  const size = useTerminalSize();
  const progress = useProgress(state.running);
  const layout = layoutFor(size.columns, size.rows);

  const rows = useMemo(() => visibleRows(state), [state.result, state.grouping, state.severity, state.filter, state.collapsed]);
  const selected = selectedIndex(state, rows);
  const sources = useMemo((): DetailSources | null => (state.result === null ? null : { lines: lineReader(state.result.root), docs: ruleDocs }), [state.result]);
  const detail =
    state.result === null || sources === null
      ? wrap(state.runError === null ? "" : `gate error: ${state.runError}`, layout.innerWidth).map((text) => ({ text, style: "error" as const }))
      : detailLines(rows[selected] ?? null, state.result, { width: layout.innerWidth, showDiff: state.showDiff }, sources);

  useInput((input, key) => {
    const context: KeyContext = { today: new Date().toISOString().slice(0, 10), detailMax: Math.max(0, detail.length - layout.detailHeight), page: layout.listHeight };
    dispatch({ type: "key", input, key, context });
  });

  useEffect(() => {
    if (state.effects.length === 0) return;
    const effects = state.effects;
    dispatch({ type: "effectsTaken" });
    const performers: Performers = { dispatch, run: props.run, waive: props.waive, editor: props.editor, setRawMode, afterEditor: props.afterEditor, exit };
    for (const effect of effects) perform(effect, state.result, performers);
  }, [state.effects]);

  const { innerWidth } = layout;
  if (layout.tooSmall) {
    return <Text>{`terminal too small: ${size.columns}×${size.rows}, need ${minimumSize.columns}×${minimumSize.rows} (q quits)`}</Text>;
  }
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      <Header title={props.title} result={state.result} running={state.running} runError={state.runError} elapsed={progress.elapsed} tick={progress.tick} width={layout.columns} />
      {state.mode.kind === "help" ? (
        <HelpPane width={innerWidth} height={layout.listBox + layout.detailBox} />
      ) : (
        <>
          <FindingList state={state} rows={rows} selected={selected} width={innerWidth} height={layout.listHeight} boxHeight={layout.listBox} />
          <DetailPane lines={detail} offset={state.detailOffset} height={layout.detailHeight} boxHeight={layout.detailBox} focused={state.focus === "detail"} />
        </>
      )}
      <Footer state={state} width={layout.columns} />
    </Box>
  );
}
