// yaml/skipped-file: a YAML file that was not read because it is binary or too large.
import { isYamlPath, maxFileBytes } from "../../repo/load.js";
import type { Rule } from "../rule.js";

export const skippedFile: Rule = {
  meta: {
    id: "yaml/skipped-file",
    severity: "info",
    description: "A YAML file was skipped because it is binary or larger than the size limit.",
    docs: `Files over ${maxFileBytes / 1024 / 1024} MiB or with NUL bytes are not checked. Split large files; add generated files to \`exclude\` in mergegate.yaml.`,
  },
  run(context) {
    for (const skipped of context.skipped) {
      if (!isYamlPath(skipped.repoPath)) continue; // other binaries (images, archives) are expected
      const why = skipped.reason === "binary" ? "it is binary" : `it is ${skipped.bytes} bytes (limit ${maxFileBytes})`;
      context.report({
        env: null,
        location: { file: skipped.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: `not checked: ${why}`,
        subject: skipped.reason,
      });
    }
  },
};
