// The hostile-input suite: each case is a small repository built to hang, crash, exhaust or fool the gate; each
// runs `mergegate check` in a fresh process and must end by itself within its time and memory budget with a
// clear finding or error. Prints one line per case (time, peak memory, exit code, the finding that answered).
// Usage: node bench/hostile.mjs [TEXT] — only the cases whose name contains TEXT (needs a build: npm run build)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeToken, seededRandom } from "./fake-secrets.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const main = path.join(root, "packages/cli/dist/main.js");
const random = seededRandom(18);
const awsKeyId = fakeToken(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, "AKIA");
const configMap = (name, data = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${data}`;
const aliasBomb = (levels) => ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: levels }, (_, index) => `a${index + 1}: &a${index + 1} [${Array(10).fill(`*a${index}`).join(", ")}]`)].join("\n");
const policy = (name, rule) => ({ [`policy/${name}.rego`]: `package ${name}\n\nimport rego.v1\n\n${rule}\n` });
const policyConfig = (names) => `version: 1\npolicies:\n  paths: [policy]\n  namespaces: [${names.join(", ")}]\n`;

/** name → { files, prepare?, expect: the rule or message that must answer, budget: { seconds, megabytes } } */
const cases = {
  "alias bomb in a manifest": { files: { "bomb.yaml": configMap("bomb", `data:\n  ${aliasBomb(9).split("\n").join("\n  ")}\n`) }, expect: /yaml\/parse-error|BAD_ALIAS|aliases/ },
  "alias bomb under kustomize": {
    files: { "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: app\n    renderer: kustomize\n", "app/kustomization.yaml": "resources:\n- bomb.yaml\n", "app/bomb.yaml": configMap("bomb", `data:\n  ${aliasBomb(9).split("\n").join("\n  ")}\n`) },
    expect: /render\/failed.*aliases cannot be expanded/,
  },
  "alias bomb in mergegate.yaml": { files: { "mergegate.yaml": `version: 1\nx-bomb:\n  ${aliasBomb(9).split("\n").join("\n  ")}\n`, "cm.yaml": configMap("c") }, expect: /mergegate\.yaml:\d+: invalid YAML/, exit: 2 },
  "recursive alias": { files: { "cm.yaml": configMap("loop", "data: &d\n  self: *d\n") }, expect: /yaml\/parse-error.*alias \*d is inside the node it refers to/ },
  "recursive alias, kustomize": {
    files: { "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: app\n    renderer: kustomize\n", "app/kustomization.yaml": "resources:\n- cm.yaml\n", "app/cm.yaml": configMap("loop", "data: &d\n  self: *d\n") },
    expect: /render\/failed.*aliases cannot be expanded \(alias \*d is inside the node it refers to/,
  },
  "deep nesting": { files: { "deep.yaml": `a: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n` }, expect: /yaml\/|no-source|pass|fail/ },
  "huge file (12 MiB)": { prepare: (dir) => writeFileSync(path.join(dir, "huge.yaml"), configMap("huge", `data:\n  a: "${"x".repeat(12 * 1024 * 1024)}"\n`)), expect: /yaml\/skipped-file/ },
  "200k small documents": { prepare: (dir) => writeFileSync(path.join(dir, "many.yaml"), Array.from({ length: 200_000 }, (_, index) => `a: ${index}\n`).join("---\n")), expect: /more than 10000 YAML documents/ },
  "40 MB mergegate.yaml": { prepare: (dir) => writeFileSync(path.join(dir, "mergegate.yaml"), `version: 1\nexclude:\n${"- docs/**\n".repeat(4_000_000)}`), expect: /mergegate\.yaml:1: config file is/, exit: 2 },
  "NUL byte in a Secret": { files: { "secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  id: ${awsKeyId}\n  n: "a\u0000b"\n` }, expect: /secrets\/aws-access-key-id/ },
  "invalid UTF-8": { prepare: (dir) => writeFileSync(path.join(dir, "bad.yaml"), Buffer.concat([Buffer.from(configMap("bad", "data:\n  a: \"")), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from("\"\n")])), expect: /not valid UTF-8/ },
  "symbolic link loop": { prepare: (dir) => { symlinkSync("b.yaml", path.join(dir, "a.yaml")); symlinkSync("a.yaml", path.join(dir, "b.yaml")); }, expect: /cannot be read \(ELOOP\)/ },
  "odd file names": { files: { "x\n::error file=forged::forged\u202e.yaml": configMap("Bad_Name"), "-rf.yaml": configMap("dash"), "sp ace/ü.yaml": configMap("unicode") }, expect: /x\\n::error/ },
  "glob backtracking": { files: { "mergegate.yaml": policyConfig(["glob"]), "cm.yaml": configMap("c"), ...policy("glob", 'deny contains "linear" if not glob.match("*a*a*a*a*a*a*a*a*b", [], concat("", [x | some i in numbers.range(1, 5000); x := "a"]))') }, expect: /linear/ },
  "string growth": { files: { "mergegate.yaml": policyConfig(["grow"]), "cm.yaml": configMap("c"), ...policy("grow", `s0 := "${"a".repeat(64)}"\n${Array.from({ length: 30 }, (_, index) => `s${index + 1} := concat("", [s${index}, s${index}])`).join("\n")}\ndeny contains "grown" if count(s30) > 0`) }, expect: /policy\/evaluation-error.*(over the limit|step limit)/ },
  "replace growth": { files: { "mergegate.yaml": policyConfig(["rep"]), "cm.yaml": configMap("c"), ...policy("rep", 'deny contains msg if { s := concat("", [x | some i in numbers.range(1, 100000); x := "a"]); msg := replace(s, "", s) }') }, expect: /policy\/evaluation-error.*over the limit/ },
  "sprintf width": { files: { "mergegate.yaml": policyConfig(["width"]), "cm.yaml": configMap("c"), ...policy("width", 'deny contains msg if msg := sprintf("%999999999d", [1])') }, expect: /policy\/evaluation-error.*over the limit/ },
  "bignum squaring": { files: { "mergegate.yaml": policyConfig(["big"]), "cm.yaml": configMap("c"), ...policy("big", `n0 := 123456789012345678901234567890\n${Array.from({ length: 30 }, (_, index) => `n${index + 1} := n${index} * n${index}`).join("\n")}\ndeny contains "big" if count(format_int(n30, 10)) > 0`) }, expect: /policy\/evaluation-error.*size limit/ },
  "deeply nested policy": { files: { "mergegate.yaml": policyConfig(["deep"]), "cm.yaml": configMap("c"), ...policy("deep", `deny contains "deep" if count(${"[".repeat(20_000)}1${"]".repeat(20_000)}) > 0`) }, expect: /deep\.rego:5:\d+: .*nested more than 100 levels deep/, exit: 2 },
  "runaway comprehension": { files: { "mergegate.yaml": policyConfig(["loop"]), "cm.yaml": configMap("c"), ...policy("loop", 'deny contains "n" if count([[a, b] | some a in numbers.range(1, 100000); some b in numbers.range(1, 100000)]) > 0') }, expect: /policy\/evaluation-error.*(step|time) limit/ },
  "50k findings as text": {
    prepare: (dir) => { for (let file = 0; file < 10; file++) writeFileSync(path.join(dir, `many-${file}.yaml`), Array.from({ length: 5000 }, (_, index) => configMap(`Bad_${file}_${index}`)).join("---\n")); },
    expect: /k8s\/invalid-name/,
    budget: { seconds: 180, megabytes: 2048 },
  },
};

const defaultBudget = { seconds: 60, megabytes: 1024 };
const measureScript = `const started = performance.now(); const { main } = await import(${JSON.stringify(main)}); process.on("exit", () => process.stderr.write("\\nMEASURE " + JSON.stringify({ ms: performance.now() - started, mb: process.resourceUsage().maxRSS / 1024 }) + "\\n")); process.exitCode = await main(process.argv.slice(1));`;

let failed = 0;
const only = process.argv[2] ?? "";
for (const [name, hostile] of Object.entries(cases).filter(([name]) => name.includes(only))) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mergegate-hostile-"));
  try {
    for (const [file, text] of Object.entries(hostile.files ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    hostile.prepare?.(dir);
    const budget = hostile.budget ?? defaultBudget;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", measureScript, "check", dir, "--offline"], { encoding: "utf8", timeout: budget.seconds * 2000, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1", MERGEGATE_OFFLINE: "1" } });
    const measured = /MEASURE (\{.*\})/.exec(run.stderr ?? "");
    const { ms, mb } = measured === null ? { ms: NaN, mb: NaN } : JSON.parse(measured[1]);
    const output = `${run.stdout ?? ""}\n${(run.stderr ?? "").replace(/MEASURE .*/, "")}`;
    const problems = [];
    if (run.error !== undefined || run.signal !== null) problems.push(`did not end by itself (${run.error?.message ?? run.signal})`);
    if (!(ms <= budget.seconds * 1000)) problems.push(`over ${budget.seconds} s`);
    if (!(mb <= budget.megabytes)) problems.push(`over ${budget.megabytes} MB`);
    if (!hostile.expect.test(output)) problems.push(`no answer matching ${hostile.expect}`);
    if (/internal error|RangeError|\n\s+at .*\.js:\d+/.test(output)) problems.push("an internal error or stack trace");
    if (run.status !== (hostile.exit ?? run.status) || ![0, 1, 2].includes(run.status)) problems.push(`exit ${run.status}`);
    if (problems.length > 0) failed++;
    console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(6)} s ${mb.toFixed(0).padStart(5)} MB  exit ${run.status}${problems.length === 0 ? "" : `  — ${problems.join("; ")}`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(failed === 0 ? "every hostile case ended within its budget" : `${failed} hostile case(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;
