// The help pane: every key and what it does (the keymap's own list).
import { Box, Text } from "ink";
import { keyHelp } from "../keymap.js";
import { truncate } from "../text.js";

export function HelpPane({ width, height }: { width: number; height: number }) {
  return (
    <Box flexDirection="column" borderStyle="single" borderColor="blue" height={height} flexShrink={0}>
      <Text bold>Keys</Text>
      {keyHelp.map(([keys, meaning]) => (
        <Text key={keys} wrap="truncate-end">
          {truncate(`${keys.padEnd(11)} ${meaning}`, width)}
        </Text>
      ))}
    </Box>
  );
}
