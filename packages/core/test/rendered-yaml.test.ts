// The reader of kustomize's output (render/rendered-yaml.ts) gives exactly the values `yaml` gives: for any plain
// scalar (the one place the two libraries' schemas could differ), for anything `yaml` writes, for texts js-yaml
// refuses, and for the real builds of the example repo and of the public repos in ../shared.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { renderedValues } from "../src/render/rendered-yaml.js";
import { hasShared, hasTool, projectRoot, sharedRoot } from "../../../test/support/tools.js";

const byYaml = (text: string): unknown[] => parseAllDocuments(text).map((document) => document.toJS() as unknown);

/** Characters plain scalars of numbers, booleans and nulls are made of, so that near misses are generated too. */
const scalarCharacters = fc.constantFrom(..."0123456789+-.eExXoObBinfINFaNulLtrTRUsSFA_~:");
const plainScalar = fc.oneof(
  fc.constantFrom("~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "yes", "on", "0o17", "0O17", "0x1F", "0X1F", "0b101", "1_000", "+12", "-0", "012", ".5", "5.", "1e3", "1E+3", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "NaN", "inf", "0x", "0o8", "1.2.3", "12345678901234567890", "1:20", "2001-12-14"),
  fc.string({ unit: scalarCharacters, minLength: 1, maxLength: 8 }),
);

describe("renderedValues", () => {
  it("resolves every plain scalar as yaml's YAML 1.2 core schema does", () => {
    fc.assert(
      fc.property(plainScalar, (scalar) => {
        const text = `key: ${scalar}\nlist: [${scalar}]\n`;
        // a scalar that is not plain YAML (`a: -` …) is skipped: only scalars both libraries read as plain are compared
        if (parseAllDocuments(text).some((document) => document.errors.length > 0)) return;
        expect(renderedValues(text)).toEqual(byYaml(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads whatever yaml writes to the value yaml reads", () => {
    const leaf = fc.oneof(fc.string({ maxLength: 12 }), plainScalar, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 6 }), value, { minKeys: 1, maxKeys: 4 }), { minLength: 1, maxLength: 3 }), (documents) => {
        const text = documents.map((document) => stringify(document)).join("---\n");
        expect(renderedValues(text)).toEqual(byYaml(text));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves to yaml the texts js-yaml refuses", () => {
    for (const text of ["a: 1\na: 2\n", "a: !!binary aGVsbG8=\n", "a: !custom x\n", "a: [1, 2\n"]) expect(renderedValues(text)).toEqual(byYaml(text));
  });

  it.runIf(hasTool("kubectl"))("reads the example repo's builds and those of ../shared's repos as yaml does", () => {
    const roots = [...kustomizationRoots(path.join(projectRoot, "examples/acme-gitops")), ...(hasShared() ? kustomizationRoots(path.join(sharedRoot, "env-repos")) : [])];
    let built = 0;
    for (const root of roots) {
      const build = spawnSync("kubectl", ["kustomize", root], { encoding: "utf8", maxBuffer: 1 << 26 });
      if (build.status !== 0) continue; // remote bases, Helm charts: not a question for the reader
      expect(renderedValues(build.stdout), root).toEqual(byYaml(build.stdout));
      built++;
    }
    expect(built).toBeGreaterThan(3);
  }, 120_000);
});

/** Folders holding a kustomization.yaml, outside .git. */
function kustomizationRoots(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === "kustomization.yaml" && !entry.parentPath.includes(`${path.sep}.git`)) found.push(entry.parentPath);
  }
  return found.sort();
}
