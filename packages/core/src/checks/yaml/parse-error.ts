// yaml/parse-error: a YAML file that does not parse.
import type { Rule } from "../rule.js";
import { documentErrors } from "./document-errors.js";

export const parseError: Rule = {
  meta: {
    id: "yaml/parse-error",
    severity: "error",
    description: "A YAML file does not parse.",
    docs: "Fix the YAML syntax at the reported line (indentation, an unclosed bracket or quote, a tab). Tools that apply this file reject it whole.",
  },
  run(context) {
    for (const { error, location } of documentErrors(context.files)) {
      if (error.code === "DUPLICATE_KEY") continue;
      context.report({ env: null, location, message: `invalid YAML: ${error.message.split("\n")[0] ?? error.code}`, subject: error.code });
    }
  },
};
