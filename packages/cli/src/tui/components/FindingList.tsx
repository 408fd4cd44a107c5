// The findings list pane: a tree of groups and findings that scrolls with the selection; suppressed findings dimmed.
import { Box, Text } from "ink";
import { scrollStart } from "../layout.js";
import { fit, truncate } from "../text.js";
import type { GroupCounts, Row } from "../tree.js";
import type { ReviewState } from "../state.js";

export interface FindingListProps {
  state: ReviewState;
  rows: readonly Row[];
  selected: number;
  width: number;
  height: number;
  boxHeight: number;
}

const severityColor = { error: "red", warning: "yellow", info: "cyan" } as const;
const severityMark = { error: "E", warning: "W", info: "I" } as const;

function countsText(counts: GroupCounts): string {
  const parts = [counts.error > 0 ? `${counts.error}E` : "", counts.warning > 0 ? `${counts.warning}W` : "", counts.info > 0 ? `${counts.info}I` : "", counts.suppressed > 0 ? `${counts.suppressed}S` : ""];
  return parts.filter((part) => part !== "").join(" ");
}

function caption(state: ReviewState, shown: number): string {
  const severity = { info: "all", warning: "warnings+", error: "errors" }[state.severity];
  const filter = state.filter === "" ? "" : ` · filter "${state.filter}"`;
  return `group: ${state.grouping} · severity: ${severity}${filter} · ${shown} rows`;
}

function RowLine({ row, selected, width }: { row: Row; selected: boolean; width: number }) {
  const indent = "  ".repeat(row.depth);
  if (row.kind === "group") {
    const line = `${indent}${row.collapsed ? "▸" : "▾"} ${row.label}  ${countsText(row.counts)}`;
    return (
      <Text wrap="truncate-end" bold inverse={selected}>
        {fit(line, width)}
      </Text>
    );
  }
  const { finding } = row;
  const suppressed = finding.suppression !== null;
  const line = `${indent}${suppressed ? "~" : severityMark[finding.severity]} ${finding.rule}  ${row.label}`;
  return (
    <Text wrap="truncate-end" inverse={selected} dimColor={suppressed} color={suppressed ? undefined : severityColor[finding.severity]}>
      {fit(line, width)}
    </Text>
  );
}

export function FindingList({ state, rows, selected, width, height, boxHeight }: FindingListProps) {
  const start = scrollStart(selected, rows.length, height);
  const empty = state.result === null ? (state.runError === null ? "running the gate…" : "the gate could not run: fix the problem and press r") : "no findings match";
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={state.focus === "list" ? "blue" : "gray"} height={boxHeight} flexShrink={0}>
      <Text wrap="truncate-end" dimColor>
        {truncate(caption(state, rows.length), width)}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>{truncate(empty, width)}</Text>
      ) : (
        rows.slice(start, start + height).map((row, offset) => <RowLine key={row.key} row={row} selected={start + offset === selected} width={width} />)
      )}
    </Box>
  );
}
