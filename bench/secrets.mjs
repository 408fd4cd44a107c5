// `node bench/secrets.mjs`: the secrets check against secretlint (preset-recommend) on the labeled corpus and on
// the 10,000-resource synthetic repo — recall, precision and time for both; mergegate's scan throughput in MB/s.
// secretlint 11 is used: secretlint 12 needs Node 22, and this project runs on Node 20.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rules, runGate } from "@mergegate/core";
import { generate } from "./generate.mjs";
import { generateCorpus } from "./secret-corpus.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const secretlint = path.join(here, "../node_modules/.bin/secretlint");
const work = mkdtempSync(path.join(os.tmpdir(), "mergegate-secrets-bench-"));
const secretsRules = rules.filter((rule) => rule.meta.id.startsWith("secrets/"));

function writeCorpus(dir, files) {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.text);
  }
  writeFileSync(path.join(dir, ".secretlintrc.json"), JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
}

async function mergegateFindings(dir) {
  const start = performance.now();
  const result = await runGate({ repo: dir, rules: secretsRules });
  const ms = performance.now() - start;
  return { ms, found: result.findings.map((finding) => `${finding.location?.file}:${finding.location?.line}`) };
}

function secretlintFindings(dir) {
  const start = performance.now();
  const output = path.join(work, `secretlint-${path.basename(dir)}.json`);
  spawnSync(secretlint, ["**/*", "--format", "json", "--output", output, "--secretlintrc", path.join(dir, ".secretlintrc.json")], { cwd: dir, stdio: "ignore" });
  const ms = performance.now() - start;
  const reports = JSON.parse(readFileSync(output, "utf8"));
  const found = reports.flatMap((report) => report.messages.map((message) => `${path.relative(dir, report.filePath)}:${message.loc.start.line}`));
  return { ms, found };
}

function score(corpus, found) {
  const expected = new Set(corpus.flatMap((file) => file.secrets.map((secret) => `${file.path}:${secret.line}`)));
  const reported = new Set(found);
  const recall = [...expected].filter((key) => reported.has(key)).length / expected.size;
  const precision = found.filter((key) => expected.has(key)).length / Math.max(1, found.length);
  return { recall, precision };
}

const percent = (value) => `${(value * 100).toFixed(1)}%`;
const corpus = generateCorpus(20261122);
const corpusDir = path.join(work, "corpus");
writeCorpus(corpusDir, corpus);
const ours = await mergegateFindings(corpusDir);
const theirs = secretlintFindings(corpusDir);
const secrets = corpus.reduce((sum, file) => sum + file.secrets.length, 0);
console.log(`labeled corpus: ${corpus.length} files, ${secrets} true secrets, ${corpus.reduce((sum, file) => sum + file.decoys, 0)} decoy snippets`);
for (const [name, run] of [["mergegate", ours], ["secretlint 11 (preset-recommend)", theirs]]) {
  const { recall, precision } = score(corpus, run.found);
  console.log(`  ${name.padEnd(34)} recall ${percent(recall).padStart(6)}  precision ${percent(precision).padStart(6)}  ${Math.round(run.ms)} ms`);
}

const repoDir = path.join(work, "repo");
const repo = generate({ apps: 250, envs: 4, layout: "plain", out: repoDir });
writeFileSync(path.join(repoDir, ".secretlintrc.json"), JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
const bytes = Number(spawnSync("du", ["-sb", repoDir], { encoding: "utf8" }).stdout.split("\t")[0]);
const gate = await mergegateFindings(repoDir);
const lint = secretlintFindings(repoDir);
console.log(`synthetic repo: ${repo.resources} resources, ${repo.files} files, ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`  mergegate (load + secrets rules)   ${Math.round(gate.ms)} ms, ${gate.found.length} findings`);
console.log(`  secretlint 11                      ${Math.round(lint.ms)} ms, ${lint.found.length} findings`);
rmSync(work, { recursive: true, force: true });
