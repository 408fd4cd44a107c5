// The unified YAML diff of one changed object, as `kubectl diff` shows it: both versions as YAML with sorted keys,
// compared line by line (the base already aligned to the head by diff/align.ts).
import { stringify } from "yaml";
import { diffLines, hunkLines, hunks } from "./line-diff.js";

/** The hunks of the object's unified diff (`@@ … @@` and their lines), without the `---`/`+++` header. */
export function yamlDiff(before: unknown, after: unknown): string[] {
  return hunks(diffLines(yamlLines(before), yamlLines(after))).flatMap(hunkLines);
}

/** YAML 1.1 quoting, as Kubernetes reads it: the string "on" is written `"on"`, not as a boolean. */
function yamlLines(value: unknown): string[] {
  return stringify(value, { version: "1.1", sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, "").split("\n");
}
