// What kustomize prints (`kustomize build`, `kubectl kustomize`: YAML that kyaml emitted) read into values. No
// position or comment is needed from it (objects are located through their origin annotations), so it is read with
// js-yaml, under a schema that resolves plain scalars exactly as `yaml`'s default (YAML 1.2 core) schema does:
// js-yaml reads a build's output 7× faster than `yaml` on a cold start, which is most of what a pre-commit check
// spends after the build. A text js-yaml refuses (a duplicate key, a tag it does not know …) is read by `yaml` as
// before, so the values never depend on which reader read them.
import jsyaml from "js-yaml";
import { parseAllDocuments } from "yaml";

/** One implicit scalar type of the YAML 1.2 core schema (yaml/dist/schema/core), by its spec pattern. */
const coreType = (tag: string, pattern: RegExp, construct: (text: string) => unknown): jsyaml.Type =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (text: string | null) => pattern.test(text ?? ""), construct: (text: string | null) => construct(text ?? "") });

const coreSchema = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreType("bool", /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === "t" || text[0] === "T"),
    coreType("int", /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (text) => (text.startsWith("0o") ? parseInt(text.slice(2), 8) : text.startsWith("0x") ? parseInt(text.slice(2), 16) : parseInt(text, 10))),
    coreType("float", /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
      /nan$/i.test(text) ? NaN : /inf$/i.test(text) ? (text.startsWith("-") ? -Infinity : Infinity) : parseFloat(text),
    ),
  ],
});

/** The documents' values, in order (an empty document is null). */
export function renderedValues(text: string): unknown[] {
  try {
    return jsyaml.loadAll(text, undefined, { schema: coreSchema });
  } catch {
    return parseAllDocuments(text).map((document) => document.toJS() as unknown);
  }
}
