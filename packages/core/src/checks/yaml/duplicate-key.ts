// yaml/duplicate-key: a mapping that has the same key twice, where tools disagree on which value wins.
import type { Rule } from "../rule.js";
import { documentErrors } from "./document-errors.js";

export const duplicateKey: Rule = {
  meta: {
    id: "yaml/duplicate-key",
    severity: "error",
    description: "A YAML mapping has the same key twice.",
    docs: "Remove one of the two entries. kubectl rejects duplicate keys, and tools that accept them keep different values.",
  },
  run(context) {
    for (const { file, error, location } of documentErrors(context.files)) {
      if (error.code !== "DUPLICATE_KEY") continue;
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n#]+?)\s*:/.exec(file.text.slice(error.pos[0]))?.[1] ?? "?";
      const keyEnd = { endLine: location.line, endColumn: location.column + key.length };
      context.report({ env: null, location: { ...location, ...keyEnd }, message: `duplicate key "${key}" in this mapping`, subject: `${key}@${location.line}` });
    }
  },
};
