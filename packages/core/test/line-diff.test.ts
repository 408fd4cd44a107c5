// The line diff behind the unified YAML diff: a shortest edit script (checked against an LCS by dynamic
// programming on random inputs) and hunks as `diff -u` numbers them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, hunkLines, hunks, type LineEdit } from "../src/diff/line-diff.js";

/** Length of a longest common subsequence, by dynamic programming. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(line === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!));
    previous = row;
  }
  return previous[b.length]!;
}

const side = (edits: readonly LineEdit[], op: "-" | "+"): string[] => edits.filter((edit) => edit.op !== (op === "-" ? "+" : "-")).map((edit) => edit.text);

describe("diffLines", () => {
  it("gives back both sides, with the fewest additions and removals", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (base, head) => {
        const edits = diffLines(base, head);
        expect(side(edits, "-")).toEqual(base);
        expect(side(edits, "+")).toEqual(head);
        expect(edits.filter((edit) => edit.op !== " ").length).toBe(base.length + head.length - 2 * lcsLength(base, head));
      }),
      { numRuns: 300 },
    );
  });

  it("shows a line inserted at the top of a list as one addition", () => {
    const base = ["env:", "- name: A", "- name: B", "- name: C"];
    expect(diffLines(base, ["env:", "- name: NEW", ...base.slice(1)]).filter((edit) => edit.op !== " ")).toEqual([{ op: "+", text: "- name: NEW" }]);
  });
});

describe("hunks", () => {
  it("groups changes with three lines of context and numbers them as diff -u does", () => {
    const base = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`);
    const head = [...base];
    head[1] = "changed 2";
    head.splice(15, 1);
    const lines = hunks(diffLines(base, head)).flatMap(hunkLines);
    expect(lines).toEqual([
      "@@ -1,5 +1,5 @@",
      " line 1",
      "-line 2",
      "+changed 2",
      " line 3",
      " line 4",
      " line 5",
      "@@ -13,7 +13,6 @@",
      " line 13",
      " line 14",
      " line 15",
      "-line 16",
      " line 17",
      " line 18",
      " line 19",
    ]);
  });

  it("merges changes closer than twice the context, and numbers an addition to an empty side from 0", () => {
    const base = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const head = ["A", "b", "c", "d", "e", "f", "g", "H"];
    expect(hunks(diffLines(base, head)).map((hunk) => hunkLines(hunk)[0])).toEqual(["@@ -1,8 +1,8 @@"]);
    expect(hunks(diffLines([], ["x"])).flatMap(hunkLines)).toEqual(["@@ -0,0 +1 @@", "+x"]);
  });

  it("bounds a complete rewrite: past the edit limit the middle is removed then added", () => {
    const base = Array.from({ length: 3000 }, (_, index) => `old ${index}`);
    const head = Array.from({ length: 3000 }, (_, index) => `new ${index}`);
    const started = Date.now();
    const edits = diffLines(base, head);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(edits.map((edit) => edit.op).join("")).toBe("-".repeat(3000) + "+".repeat(3000));
  });
});
