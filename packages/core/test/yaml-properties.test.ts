// Property tests of the YAML loader and of positions (fast-check): any document the `yaml` package writes loads to
// the value it was written from, and locate() puts every field at a line that exists, where that field is written;
// any text at all — garbled YAML, aliases, anchors, tags — loads without throwing, to values without cycles and
// errors at lines that exist.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { parseAllDocuments, parseDocument, stringify, type Document } from "yaml";
import { documentErrors } from "../src/checks/yaml/document-errors.js";
import { locate } from "../src/locate/locate.js";
import { parseSource } from "../src/repo/load.js";
import { lineStartsOf, pointerSegments, segmentsToPointer } from "../src/repo/positions.js";
import { kubectlYaml } from "../src/repo/yaml-budget.js";
import type { KubeObject, Location, Resource, SourceFile } from "../src/types.js";

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Strings YAML 1.1 (kubectl's reading) would take for something else, and characters YAML gives meaning to. */
const tricky = ["on", "off", "yes", "no", "y", "N", "0755", "0x1F", "1e3", "~", "null", "2001-12-14", "1:20", ".inf", "-", "- a", "? x", "#c", "a: b", "*x", "&y", "!tag", "|", ">", "%", "@", "`", "'", '"', " lead", "trail ", "multi\nline", "tab\there", "\u0085", "\u2028", ""];
const text = fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 12, unit: "grapheme" }), fc.string({ maxLength: 30 }));
// `<<` is YAML 1.1's merge key: a document with it does not load to the value that was written, by design.
const key = fc.oneof(fc.constantFrom("name", "image", "a", "b", ...tricky), fc.string({ maxLength: 8 })).filter((candidate) => candidate !== "<<");
const leaf = fc.oneof(text, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), fc.constant(null));

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
}));
const documentValue = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });

const stringType = fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED") as fc.Arbitrary<"PLAIN">;
// Block collections with folded lines, or flow collections unfolded: the writer itself breaks flow collections when
// it folds them (`undefined\` items), and puts empty block lists on a line of their own (`name:\n[]`).
const writeOptions = fc.oneof(
  fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 16, 80), collectionStyle: fc.constant("any" as const), defaultStringType: stringType }),
  fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constant(0), collectionStyle: fc.constant("flow" as const), defaultStringType: stringType }),
);

/** Written as YAML 1.1, the way kubectl reads, so the writer quotes `on`, `0755` and the like. */
function write(data: Value, options: Record<string, unknown>): string {
  return stringify(data, { version: "1.1", minContentWidth: 0, ...options });
}

/** Every leaf of the value with its path (a map key or a list index at the end). */
function leavesOf(data: Value, path: (string | number)[] = []): { path: (string | number)[]; value: Value }[] {
  if (Array.isArray(data)) return data.flatMap((item, index) => leavesOf(item, [...path, index]));
  if (data !== null && typeof data === "object") return Object.entries(data).flatMap(([name, item]) => leavesOf(item, [...path, name]));
  return path.length === 0 ? [] : [{ path, value: data }];
}

function textAt(file: SourceFile, location: Location): string {
  const start = (file.lineStarts[location.line - 1] ?? 0) + location.column - 1;
  const end = (file.lineStarts[location.endLine - 1] ?? 0) + location.endColumn - 1;
  return file.text.slice(start, end);
}

/** The value a slice of YAML stands for, read as the loader reads. */
const readBack = (slice: string): unknown => parseDocument(slice, kubectlYaml as never).toJS();

function expectLineExists(file: SourceFile, line: number, column: number): void {
  expect(line).toBeGreaterThanOrEqual(1);
  expect(line).toBeLessThanOrEqual(file.lineStarts.length);
  const lineLength = (file.lineStarts[line] ?? file.text.length + 1) - (file.lineStarts[line - 1] ?? 0);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(column).toBeLessThanOrEqual(lineLength + 1);
}

describe("YAML loader and positions (properties)", () => {
  it("a written document loads to its value, and locate() points at each field where it is written", () => {
    fc.assert(
      fc.property(documentValue, writeOptions, fc.array(documentValue, { maxLength: 2 }), (data, options, before) => {
        const written = [...before.map((other) => write(other, options)), write(data, options)].join("---\n");
        // the writer has its own slips (a block scalar of leading spaces loses them): judge the loader on what it wrote right
        const reference = parseAllDocuments(written, { version: "1.1" }) as Document[];
        fc.pre(reference.every((document) => document.errors.length === 0) && isDeepStrictEqual(reference.map((document) => document.toJS()), [...before, data]));
        const file = parseSource("f.yaml", "f.yaml", "/repo/f.yaml", written);
        expect(file.errors.flat().map((error) => error.message)).toEqual([]);
        expect(file.values[before.length]).toEqual(data);
        const resource: Resource = {
          key: { apiVersion: null, kind: null, namespace: null, name: null },
          object: data as KubeObject,
          origin: { file: "f.yaml", documentIndex: before.length, basePointer: "", generator: null },
          env: "default",
        };
        for (const found of leavesOf(data)) {
          const location = locate({ files: new Map([["f.yaml", file]]), kustomizations: [] }, resource, segmentsToPointer(found.path));
          expect(location, `no location for ${JSON.stringify(found.path)}`).not.toBeNull();
          if (location === null) continue;
          expectLineExists(file, location.line, location.column);
          expectLineExists(file, location.endLine, location.endColumn);
          const shown = textAt(file, location);
          if (/^[|>]/.test(shown)) continue; // a block scalar's indentation belongs to its parent: not readable alone
          const last = found.path[found.path.length - 1];
          // a map entry is shown at its key, a list item at the item itself
          expect(readBack(shown), `at ${location.line}:${location.column} for ${JSON.stringify(found.path)}`).toEqual(typeof last === "number" ? found.value : last);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("any text loads without throwing: values have no cycles, errors sit at lines that exist", () => {
    const pieces = ["a", "b", ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ",", "&x ", "*x", "&y ", "*y", "!!str ", "!!map ", "!t ", "<<: ", "|", ">-", "'", '"', "#", "\n", "\n  ", "\n    ", "\t", " ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! x\n", "0755", "on", "~", "\\", "\u0000", "\uFEFF", "é", "💥"];
    const garbled = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(garbled, fc.string({ maxLength: 80 })), (input) => {
        const file = parseSource("g.yaml", "g.yaml", "/repo/g.yaml", input);
        expect(() => JSON.stringify(file.values)).not.toThrow();
        expect(file.documents.length).toBe(file.values.length);
        for (const { location } of documentErrors(new Map([["g.yaml", file]]))) {
          expectLineExists(file, location.line, location.column);
          expectLineExists(file, location.endLine, location.endColumn);
        }
        expect(file.lineStarts).toEqual(lineStartsOf(input));
      }),
      { numRuns: 300 },
    );
  });

  it('the pointer "/" is the key "" (RFC 6901), not the whole document', () => {
    expect(pointerSegments("/")).toEqual([""]);
    expect(pointerSegments("")).toEqual([]);
    expect(pointerSegments("/a~1b/~0")).toEqual(["a/b", "~"]);
  });

  it("an alias inside the node it names is an error at the alias, not an endless value", () => {
    for (const input of ["a: &x [ *x ]\n", "&x {a: *x}\n", "metadata: &m\n  name: x\n  self: *m\n", "- &x\n  - *x\n"]) {
      const file = parseSource("r.yaml", "r.yaml", "/repo/r.yaml", input);
      expect(file.values).toEqual([null]);
      const [error] = documentErrors(new Map([["r.yaml", file]]));
      expect(error?.error.code).toBe("BAD_ALIAS");
      expect(input.split("\n")[(error?.location.line ?? 0) - 1]).toContain("*");
    }
  });
});
