// The secrets check against a labeled corpus generated from a seed: recall and precision, printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules, runGate, type GateResult } from "../packages/core/src/index.js";
import { generateCorpus, type CorpusFile } from "../bench/secret-corpus.mjs";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";

describe("secrets on a labeled corpus", () => {
  const corpus: CorpusFile[] = generateCorpus(20261122);
  let repo: TempRepo;
  let result: GateResult;
  beforeAll(async () => {
    repo = writeRepo(Object.fromEntries(corpus.map((file) => [file.path, file.text])));
    result = await runGate({ repo: repo.root, rules: rules.filter((rule) => rule.meta.id.startsWith("secrets/")) });
  });
  afterAll(() => repo.remove());

  it("finds ≥ 95% of the true secrets with ≥ 95% precision, never printing one", () => {
    const expected = new Map<string, string>(corpus.flatMap((file) => file.secrets.map((secret) => [`${file.path}:${secret.line}`, secret.family] as const)));
    const reported = new Set(result.findings.map((finding) => `${finding.location?.file}:${finding.location?.line}`));
    const found = [...expected.keys()].filter((key) => reported.has(key));
    const truePositives = result.findings.filter((finding) => expected.has(`${finding.location?.file}:${finding.location?.line}`));
    const recall = found.length / expected.size;
    const precision = truePositives.length / Math.max(1, result.findings.length);
    const missed = [...expected].filter(([key]) => !reported.has(key)).map(([key, family]) => `${family} ${key}`);
    const falsePositives = result.findings.filter((finding) => !expected.has(`${finding.location?.file}:${finding.location?.line}`)).map((finding) => `${finding.rule} ${finding.location?.file}:${finding.location?.line}`);
    const decoys = corpus.reduce((sum, file) => sum + file.decoys, 0);
    console.log(`secrets corpus: ${expected.size} true secrets, ${decoys} decoy snippets; recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
    expect(expected.size).toBeGreaterThanOrEqual(150);
    expect(decoys).toBeGreaterThanOrEqual(100);
    expect(recall, `missed: ${missed.slice(0, 20).join("; ")}`).toBeGreaterThanOrEqual(0.95);
    expect(precision, `false positives: ${falsePositives.slice(0, 20).join("; ")}`).toBeGreaterThanOrEqual(0.95);
  });
});
