// `npm run bench`: one interleaved run (round by round, each figure once per round, medians of BENCH_RUNS rounds,
// default 3) of what issue 20 measures, each against its floor:
// - the full gate with the shipped schemas (every check, offline) vs the YAML-parse floor at 10k and 60k resources,
//   with peak memory; at 10k, two `mergegate check --shard` processes in parallel vs one `mergegate check`, as CI runs them;
// - `check --staged` with one changed line (a fresh value each round, so the head render is never cached) on the
//   example repo (a plain manifest; a kustomize input) and on the 10k repo, vs `node -e 0` (+ `kubectl kustomize`
//   of the affected overlay); `--version` and `--help`; the ApplicationSet schema compiled alone.
// Results also in bench/.out/results.json. BENCH_LARGE=0 leaves out the 60k repo.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const bin = path.join(root, "bin/mergegate.js");
const rounds = Number(process.env.BENCH_RUNS ?? 3);
const large = process.env.BENCH_LARGE !== "0";
const work = path.join(os.tmpdir(), "mergegate-bench");
const cache = path.join(work, "cache");
const env = { ...process.env, XDG_CACHE_HOME: cache, MERGEGATE_OFFLINE: "1", NO_COLOR: "1" };
const gitEnv = { ...env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const git = (dir, ...args) => execFileSync("git", args, { cwd: dir, env: gitEnv, encoding: "utf8" });
function gitInit(dir) {
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
}

/** One fresh process of bench/measure.mjs. */
function measure(mode, dir, extra = []) {
  return JSON.parse(execFileSync(process.execPath, [path.join(here, "measure.mjs"), mode, dir, ...extra], { encoding: "utf8", env, maxBuffer: 1 << 26 }));
}

/** Wall time of one command, ms (exit status ignored: a check may fail its verdict). */
function wall(command, args, cwd = root) {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.error !== undefined) throw run.error;
  if (run.status === 2) throw new Error(`${command} ${args.join(" ")}: ${run.stderr}`);
  return performance.now() - start;
}

/** Wall time of `mergegate check DIR ...` processes run at the same time (each may fail its verdict: exit 1). */
async function parallelChecks(dir, ...extras) {
  const start = performance.now();
  await Promise.all(
    extras.map(
      (extra) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [bin, "check", dir, ...extra], { env, stdio: "ignore" });
          child.on("close", (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`check ${extra.join(" ")} exited ${code}`))));
        }),
    ),
  );
  return performance.now() - start;
}

/** Stages a one-line change of `file` (a fresh value per call) in the git repo `dir`. */
let edits = 0;
function stageEdit(dir, file, pattern, replace) {
  const target = path.join(dir, file);
  const text = readFileSync(target, "utf8");
  const next = text.replace(pattern, replace(++edits));
  if (next === text) throw new Error(`${file}: nothing to change`);
  writeFileSync(target, next);
  git(dir, "add", file);
}

// The repos
const plain10k = path.join(work, "plain-10k");
const plain60k = path.join(work, "plain-60k");
const sizes = { "10k": generate({ apps: 250, envs: 4, layout: "plain", out: plain10k }) };
if (large) sizes["60k"] = generate({ apps: 1500, envs: 4, layout: "plain", out: plain60k });
gitInit(plain10k);
const example = path.join(work, "example");
cpSync(path.join(root, "examples/acme-gitops"), example, { recursive: true });
gitInit(example);

const samples = {};
const add = (name, value) => (samples[name] ??= []).push(value);
const hasKubectl = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status === 0;

// One unmeasured pass fills the caches (render cache, library metadata) as a developer's machine has them.
wall(process.execPath, [bin, "check", example]);
wall(process.execPath, [bin, "check", plain10k]);

for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`round ${round}/${rounds}\n`);
  add("node -e 0", wall(process.execPath, ["-e", "0"]));
  add("--version", wall(process.execPath, [bin, "--version"]));
  add("--help", wall(process.execPath, [bin, "--help"]));
  add("appset", measure("appset", root).ms);
  stageEdit(example, "platform/resource-quotas.yaml", /requests\.cpu: "\d+"/, (value) => `requests.cpu: "${value}"`);
  add("example staged plain", wall(process.execPath, [bin, "check", "--staged", example]));
  if (hasKubectl) {
    stageEdit(example, "overlays/prod/web-canary-service.yaml", /port: \d+/, (value) => `port: ${8000 + value}`);
    add("example staged kustomize", wall(process.execPath, [bin, "check", "--staged", example]));
    add("kubectl kustomize overlay", wall("kubectl", ["kustomize", path.join(example, "overlays/prod")]));
  }
  stageEdit(plain10k, "envs/prod/app-0007/deployment.yaml", /replicas: \d+/, (value) => `replicas: ${3 + value}`);
  add("10k staged", wall(process.execPath, [bin, "check", "--staged", plain10k]));
  for (const [size, dir] of Object.entries(large ? { "10k": plain10k, "60k": plain60k } : { "10k": plain10k })) {
    const floor = measure("floor", dir);
    const full = measure("full", dir);
    add(`${size} floor`, floor.ms);
    add(`${size} full`, full.ms);
    add(`${size} full peak`, full.peakRssMb);
    add(`${size} floor peak`, floor.peakRssMb);
  }
  add("10k check", await parallelChecks(plain10k, []));
  add("10k two shards in parallel", await parallelChecks(plain10k, ["--shard", "1/2"], ["--shard", "2/2"]));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const figures = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Math.round(median(values))]));
const ratio = (a, b) => (figures[a] === undefined || figures[b] === undefined ? null : Number((figures[a] / figures[b]).toFixed(2)));
const node = figures["node -e 0"];
const lines = [
  `${rounds} interleaved rounds, medians; ${os.availableParallelism()} CPUs, load ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`,
  `  node -e 0                                        ${node} ms`,
  `  mergegate --version / --help                     ${figures["--version"]} / ${figures["--help"]} ms  (${ratio("--version", "node -e 0")}× / ${ratio("--help", "node -e 0")}× node)`,
  `  ApplicationSet schema compiled alone             ${figures["appset"]} ms  (target ≤ 300)`,
  `  example, check --staged, one line in a manifest  ${figures["example staged plain"]} ms  = ${ratio("example staged plain", "node -e 0")}× node -e 0 (target ≤ 4×)`,
];
if (hasKubectl) {
  const floor = node + figures["kubectl kustomize overlay"];
  lines.push(`  example, check --staged, one line in a kustomize input  ${figures["example staged kustomize"]} ms  = ${(figures["example staged kustomize"] / floor).toFixed(2)}× (node -e 0 + kubectl kustomize overlays/prod = ${floor} ms; target ≤ 1.5×)`);
}
lines.push(`  10k repo, check --staged, one line               ${figures["10k staged"]} ms  = ${ratio("10k staged", "node -e 0")}× node -e 0 (target ≤ 1000 ms)`);
for (const size of Object.keys(sizes)) {
  lines.push(
    `  ${size} (${sizes[size].resources} resources, ${sizes[size].files} files): full gate with schemas ${figures[`${size} full`]} ms, floor ${figures[`${size} floor`]} ms = ${ratio(`${size} full`, `${size} floor`)}× (target ≤ ${size === "10k" ? "1.5" : "1.7"}×); peak ${figures[`${size} full peak`]} MiB (floor ${figures[`${size} floor peak`]} MiB)`,
  );
}
lines.push(`  10k, two check --shard in parallel               ${figures["10k two shards in parallel"]} ms vs one check ${figures["10k check"]} ms = ${ratio("10k two shards in parallel", "10k check")}× (target ≤ 1)`);
console.log(lines.join("\n"));
mkdirSync(path.join(here, ".out"), { recursive: true });
writeFileSync(path.join(here, ".out", "results.json"), `${JSON.stringify({ rounds, sizes, figures, samples }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
