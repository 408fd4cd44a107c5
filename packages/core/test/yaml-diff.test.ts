// The unified YAML diff of one changed object: sorted keys, YAML 1.1 quoting, keyed lists aligned by merge key.
import { describe, expect, it } from "vitest";
import { alignToHead } from "../src/diff/align.js";
import type { ObjectKind } from "../src/diff/merge-keys.js";
import { yamlDiff as unified } from "../src/diff/yaml-diff.js";

/** The YAML diff as the render diff makes it: the base aligned to the head first. */
const yamlDiff = (before: unknown, after: unknown, kind: ObjectKind): string[] => unified(alignToHead(before, after, kind), after);

const deploymentKind = { apiVersion: "apps/v1", kind: "Deployment" };

const deployment = (env: { name: string; value: string }[], image = "web:1") => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: { template: { spec: { containers: [{ name: "web", image, env }] } } },
});

describe("yamlDiff", () => {
  it("shows one env var added at the top of a container's env as its own lines, in YAML 1.1 quoting", () => {
    const env = Array.from({ length: 8 }, (_, index) => ({ name: `VAR_${index}`, value: String(index) }));
    expect(yamlDiff(deployment(env), deployment([{ name: "FEATURE", value: "on" }, ...env]), deploymentKind)).toEqual([
      "@@ -7,6 +7,8 @@",
      "     spec:",
      "       containers:",
      "         - env:",
      "+            - name: FEATURE",
      '+              value: "on"',
      "             - name: VAR_0",
      '               value: "0"',
      "             - name: VAR_1",
    ]);
  });

  it("shows a moved list item whose value changed as that change only: the base is put in the head's order", () => {
    const before = deployment([{ name: "A", value: "1" }, { name: "B", value: "2" }, { name: "C", value: "3" }]);
    const after = deployment([{ name: "C", value: "3" }, { name: "A", value: "1" }, { name: "B", value: "two" }]);
    expect(yamlDiff(before, after, deploymentKind).filter((line) => /^[-+]/.test(line))).toEqual(['-              value: "2"', "+              value: two"]);
  });

  it("keeps an item only the base has after the item it followed", () => {
    const before = deployment([{ name: "A", value: "1" }, { name: "GONE", value: "x" }, { name: "B", value: "2" }]);
    const after = deployment([{ name: "B", value: "2" }, { name: "A", value: "1" }]);
    const lines = yamlDiff(before, after, deploymentKind);
    expect(lines.filter((line) => /^[-+]/.test(line))).toEqual(["-            - name: GONE", "-              value: x"]);
    expect(lines.findIndex((line) => line.includes("GONE"))).toBeGreaterThan(lines.findIndex((line) => line.includes("name: A")));
  });

  it("is empty for equal objects, whatever their key order", () => {
    expect(yamlDiff({ b: 1, a: [{ name: "x" }] }, { a: [{ name: "x" }], b: 1 }, { apiVersion: null, kind: null })).toEqual([]);
  });
});
