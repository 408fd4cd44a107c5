// The detail pane: the selected finding's lines (message, source, docs or render diff), scrolled by the reducer's offset.
import { Box, Text } from "ink";
import type { DetailLine, LineStyle } from "../detail.js";

export interface DetailPaneProps {
  lines: readonly DetailLine[];
  offset: number;
  height: number;
  boxHeight: number;
  focused: boolean;
}

const styles: Record<LineStyle, { color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean }> = {
  plain: {},
  heading: { bold: true },
  dim: { dimColor: true },
  error: { color: "red", bold: true },
  warning: { color: "yellow", bold: true },
  info: { color: "cyan", bold: true },
  marked: { color: "yellow", bold: true, inverse: true },
  added: { color: "green" },
  removed: { color: "red" },
  changed: { color: "yellow" },
};

export function DetailPane({ lines, offset, height, boxHeight, focused }: DetailPaneProps) {
  const start = Math.min(offset, Math.max(0, lines.length - height));
  const more = lines.length - start - height;
  const shown = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={focused ? "blue" : "gray"} height={boxHeight} flexShrink={0}>
      {shown.map((line, index) => (
        <Text key={start + index} wrap="truncate-end" {...styles[line.style]}>
          {index === shown.length - 1 && more > 0 ? `… ${more} more line${more === 1 ? "" : "s"} (${focused ? "↓" : "tab, then ↓"})` : line.text === "" ? " " : line.text}
        </Text>
      ))}
    </Box>
  );
}
