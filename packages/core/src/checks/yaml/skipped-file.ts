// yaml/skipped-file: a file that was not (wholly) checked — unreadable, binary, too large, not UTF-8, or over a YAML
// budget. A warning: nothing in the repository is skipped silently.
import type { SkippedFile } from "../../repo/load.js";
import { isYamlPath, maxFileBytes } from "../../repo/load.js";
import { maxDocumentsPerFile } from "../../repo/yaml-budget.js";
import type { Rule } from "../rule.js";

function reasonOf(skipped: SkippedFile): string {
  switch (skipped.reason) {
    case "binary":
      return "not checked: it is binary";
    case "oversize":
      return `not checked: it is ${skipped.bytes} bytes (limit ${maxFileBytes})`;
    case "unreadable":
      return `not checked: it cannot be read (${skipped.detail ?? "unknown error"})`;
    case "link-outside":
      return "not checked: it is a symbolic link to a file outside the repository";
    case "invalid-utf8":
      return "not valid UTF-8: checked as text with replacement characters";
    case "too-many-documents":
      return `not parsed: more than ${maxDocumentsPerFile} YAML documents (scanned for secrets as text)`;
    case "too-deep":
      return "not parsed: its YAML is nested too deeply (scanned for secrets as text)";
  }
}

export const skippedFile: Rule = {
  meta: {
    id: "yaml/skipped-file",
    severity: "warning",
    description: "A file was not (wholly) checked: unreadable, binary, too large, not UTF-8, or over a YAML budget.",
    docs: `Files over ${maxFileBytes / 1024 / 1024} MiB, binary files, files that cannot be read, links out of the repository and YAML files over ${maxDocumentsPerFile} documents or nested too deeply are not checked (or only scanned for secrets). Split large files; add generated files to \`exclude\` in mergegate.yaml.`,
  },
  run(context) {
    for (const skipped of context.skipped) {
      // other binaries (images, archives) are expected; a file of any kind that cannot be read or decoded is not
      if (!isYamlPath(skipped.repoPath) && (skipped.reason === "binary" || skipped.reason === "oversize")) continue;
      context.report({
        env: null,
        location: { file: skipped.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: reasonOf(skipped),
        subject: skipped.reason,
      });
    }
  },
};
