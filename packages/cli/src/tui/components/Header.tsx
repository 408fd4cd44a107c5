// The header: the verdict with its counts, a spinner while the gate runs, and each environment's status and counts.
import { Text } from "ink";
import type { Counts, GateResult } from "@mergegate/core";
import { columns, truncate } from "../text.js";

const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface HeaderProps {
  title: string;
  result: GateResult | null;
  running: boolean;
  runError: string | null;
  /** Seconds since the run started, and an animation step. */
  elapsed: number;
  tick: number;
  width: number;
}

function countsText({ error, warning, info, suppressed }: Counts): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info, ${suppressed} suppressed`;
}

/** The verdict, or the spinner while the gate runs (the previous verdict is stale then). */
function statusOf(result: GateResult | null, running: boolean, runError: string | null, progress: string): { text: string; color: string } {
  if (running) return { text: progress, color: "blue" };
  if (result === null) return { text: runError === null ? "" : "✖ GATE ERROR", color: "red" };
  return result.verdict.status === "pass" ? { text: "✔ PASS", color: "green" } : { text: `✖ ${result.verdict.status.toUpperCase()}`, color: "red" };
}

export function Header({ title, result, running, runError, elapsed, tick, width }: HeaderProps) {
  const verdict = result?.verdict ?? null;
  const lead = `review ${truncate(title, 24)}  `;
  const status = statusOf(result, running, runError, `${spinner[tick % spinner.length] ?? ""} running the gate… ${elapsed}s`);
  const rest = verdict === null ? "" : running ? `  (previous: ${verdict.status})` : `  ${countsText(verdict.counts)}`;
  const entries = (verdict?.environments ?? []).map((env) =>
    env.status === "skipped" ? `${env.name} – skipped` : `${env.name} ${env.status === "pass" ? "✔" : "✖"} ${env.counts.error}E ${env.counts.warning}W ${env.counts.info}I`,
  );
  // File-level findings that fail the verdict on their own are an entry of their own.
  if (verdict !== null && verdict.files.status === "fail") entries.push(`files ✖ ${verdict.files.counts.error}E ${verdict.files.counts.warning}W ${verdict.files.counts.info}I`);
  const environments = entries.join("  ");
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>{lead}</Text>
        <Text bold color={status.color}>
          {status.text}
        </Text>
        {truncate(rest, Math.max(0, width - columns(lead) - columns(status.text)))}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {truncate(runError !== null && verdict === null ? `gate error: ${runError}` : environments, width)}
      </Text>
    </>
  );
}
