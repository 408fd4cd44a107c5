// Runs OPA's conformance cases for the language categories and checks the pass rate (cases needing part-2 builtins are reported apart).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runConformance } from "../src/index.js";
import { isNotImplemented } from "../src/conformance.js";

const repositoryRoot = resolve(fileURLToPath(import.meta.url), "../../../..");
const directory = resolve(repositoryRoot, "../shared/conformance/opa");
const languageCategories = [
  "baseandvirtualdocs",
  "comparisonexpr",
  "completedoc",
  "comprehensions",
  "defaultkeyword",
  "disjunction",
  "elsekeyword",
  "eqexpr",
  "evaltermexpr",
  "every",
  "functions",
  "indirectreferences",
  "keywordrefs",
  "negation",
  "nestedreferences",
  "partialobjectdoc",
  "partialsetdoc",
  "refheads",
  "stringinterpolation",
  "varreferences",
  "virtualdocs",
  "withkeyword",
];

if (!existsSync(directory)) console.warn(`OPA conformance cases not found at ${directory}; skipping the conformance test`);

describe.runIf(existsSync(directory))("OPA conformance, language categories", () => {
  it("passes at least 95% of the cases that need only part-1 builtins", () => {
    const report = runConformance(directory, { categories: languageCategories });
    const applicable = report.cases.filter((result) => !isNotImplemented(result));
    const passed = applicable.filter((result) => result.status === "pass").length;
    const rate = passed / applicable.length;
    console.info(
      `language categories: ${report.passed}/${report.total} overall (${((report.passed / report.total) * 100).toFixed(1)}%), ` +
        `${passed}/${applicable.length} without missing builtins (${(rate * 100).toFixed(1)}%)`,
    );
    for (const result of applicable) if (result.status !== "pass") console.info(`  ${result.name}: ${result.reason.slice(0, 200)}`);
    expect(report.total).toBeGreaterThan(400);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});

describe.runIf(existsSync(directory))("OPA conformance, all categories", () => {
  it("passes at least 90% of every case (unsupported builtins count as failures)", () => {
    const report = runConformance(directory);
    const rate = report.passed / report.total;
    console.info(`all categories: ${report.passed}/${report.total} (${(rate * 100).toFixed(1)}%)`);
    expect(report.total).toBeGreaterThan(1500);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
