// Sharding: `check --shard K/N` results merged with `mergegate merge` give the findings and verdict of one
// unsharded run (N = 1, 2, 4), on the example repo and on a 30-environment repo with a change against a base.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResult, formatShardResult, mergeShards, parseShard, rules, runGate, type Finding, type GateOptions, type GateResult } from "@mergegate/core";
import { envRepoFiles } from "../bench/env-repo.mjs";
import { mergegate } from "./support/cli.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

const example = path.join(projectRoot, "examples/acme-gitops");
const now = new Date("2026-01-15T00:00:00Z");

async function shardedRun(options: GateOptions, count: number): Promise<{ merged: GateResult; shards: GateResult[] }> {
  const shards: GateResult[] = [];
  for (let index = 1; index <= count; index++) shards.push(await runGate({ ...options, shard: { index, count } }));
  const merged = mergeShards(shards.map((shard, position) => ({ file: `shard-${position + 1}.json`, text: formatShardResult(shard) })));
  return { merged, shards };
}

function expectSameOutcome(merged: GateResult, single: GateResult): void {
  expect(merged.findings).toEqual(single.findings);
  expect(merged.verdict).toEqual(single.verdict);
}

describe.runIf(hasTool("kubectl"))("sharding the example repo", () => {
  let single: GateResult;
  const options: GateOptions = { repo: example, offline: true, now };
  beforeAll(async () => {
    single = await runGate(options);
  });

  it.each([1, 2, 4])("N = %i: merged shards equal the unsharded run", async (count) => {
    const { merged, shards } = await shardedRun(options, count);
    expectSameOutcome(merged, single);
    const covered = shards.flatMap((shard) => shard.shard?.environments ?? []);
    expect(covered.sort()).toEqual(single.verdict.environments.map((env) => env.name).sort());
    // Each environment finding and each placed file finding comes from exactly one shard.
    const placed = shards.flatMap((shard) => shard.findings.filter((finding) => finding.location !== null && finding.rule !== "suppression/unused"));
    expect(placed).toHaveLength(single.findings.filter((finding) => finding.location !== null && finding.rule !== "suppression/unused").length);
    for (const format of ["text", "sarif", "junit", "markdown", "github"]) expect(formatResult(merged, format).length).toBeGreaterThan(0);
  });

  it("the example has findings in several environments and files (so the comparison means something)", () => {
    expect(new Set(single.findings.map((finding) => finding.env)).size).toBeGreaterThanOrEqual(4);
    expect(single.findings.some((finding) => finding.env === null && finding.location !== null)).toBe(true);
    expect(single.verdict.status).toBe("fail");
  });
});

describe.runIf(hasTool("kubectl") && hasTool("git"))("sharding a change on a 30-environment repo", () => {
  let repo: GitRepo;
  beforeAll(() => {
    const files = envRepoFiles({ envs: 30, apps: 2 });
    repo = gitRepo({ ...files, "mergegate.yaml": "version: 1\npromotion: [env-03, env-04, env-05]\n" });
    repo.commit("environments");
    repo.git("checkout", "-q", "-b", "change");
    repo.write({
      "regions/us/kustomization.yaml": "resources:\n- ../../base\ncommonLabels:\n  region: us-east\n",
      "overlays/env-05/kustomization.yaml": files["overlays/env-05/kustomization.yaml"] + "images:\n- name: ghcr.io/bench/app-1\n  newTag: 2.0.0\n",
      "overlays/env-13/namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: env-13\n  name: twice\n",
      "notes/broken.yaml": "a: [1, 2\n",
    });
  });
  afterAll(() => repo.remove());

  it.each([2, 4])("N = %i with --base: same findings and verdict, only affected environments split", async (count) => {
    const options: GateOptions = { repo: repo.root, base: "main", offline: true, now, rules: rules.filter((rule) => !rule.meta.id.startsWith("policy/")) };
    const single = await runGate(options);
    expect(single.verdict.environments.filter((env) => env.skippedReason === null).map((env) => env.name)).toEqual(["env-05", ...Array.from({ length: 10 }, (_, index) => `env-${index + 11}`)]);
    expect(single.findings.some((finding) => finding.rule === "canary/promotion-order" && finding.env === "env-05")).toBe(true);
    expect(single.findings.some((finding) => finding.rule.startsWith("yaml/") && finding.location?.file === "notes/broken.yaml")).toBe(true);
    const { merged, shards } = await shardedRun(options, count);
    expectSameOutcome(merged, single);
    expect(merged.diff?.environments).toEqual(single.diff?.environments);
    expect(shards.map((shard) => shard.shard?.environments.length)).toEqual(Array.from({ length: count }, (_, index) => Math.floor(11 / count) + (index < 11 % count ? 1 : 0)));
  });
});

describe("sharding a plain repo whose run-level findings are summaries", () => {
  // Five plain environments on Kubernetes versions with no shipped schema (offline): schema/no-source sums their
  // objects over the whole run (a CRD counted once); plus an unused suppression, an uncovered folder, a broken file and a secret.
  const deployment = (name: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n      - name: ${name}\n        image: ghcr.io/acme/${name}:1.0.0\n`;
  const service = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;
  const versions: Record<string, string> = { alpha: "1.27", beta: "1.28", gamma: "1.28", delta: "1.29", epsilon: "1.33" };
  const files: Record<string, string> = {
    "mergegate.yaml": `version: 1\nenvironments:\n${Object.entries(versions).map(([name, version]) => `  ${name}: {path: envs/${name}, renderer: plain, kubernetesVersion: "${version}"}\n`).join("")}`,
    // a CRD: other shards see it as context (lent for the schema check), so only its own shard may count it
    "envs/alpha/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.acme.example\nspec:\n  group: acme.example\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n",
    "envs/gamma/unused.yaml": `# mergegate:allow schema/unknown-field -- nothing here has one\n${service("gamma-svc")}`,
    "stray/thing.yaml": service("stray"),
    "notes/broken.yaml": "a: [1, 2\n",
    "scripts/deploy.env": `API_TOKEN=${"Xk9mQ2vL7pRtW3s"}8\n`,
  };
  Object.keys(versions).forEach((name, position) => {
    for (let app = 0; app <= position; app++) files[`envs/${name}/app-${app}.yaml`] = deployment(`${name}-app-${app}`) + "---\n" + service(`${name}-app-${app}`);
  });
  let repo: TempRepo;
  let single: GateResult;
  let options: GateOptions;
  beforeAll(async () => {
    repo = writeRepo(files);
    options = { repo: repo.root, offline: true, now };
    single = await runGate(options);
  });
  afterAll(() => repo.remove());

  it("the unsharded run has the summaries the comparison is about", () => {
    const noSource = single.findings.find((finding) => finding.rule === "schema/no-source");
    expect(noSource?.message).toMatch(/^no schema source for Kubernetes 1\.27, 1\.28, 1\.29: 22 objects were not validated/);
    for (const rule of ["suppression/unused", "render/uncovered", "yaml/parse-error", "secrets/generic-assignment"]) expect(single.findings.map((finding) => finding.rule)).toContain(rule);
  });

  it.each([2, 3, 5])("N = %i: merged shards equal the unsharded run, summaries and all", async (count) => {
    const { merged, shards } = await shardedRun(options, count);
    // each shard's own summary counts the objects of its own environments only (never the CRDs others lend it)
    const counted = shards.map((shard) => Number(/: (\d+) objects? w/.exec(shard.findings.find((finding) => finding.rule === "schema/no-source")?.message ?? "")?.[1] ?? 0));
    expect(counted.filter((count) => count > 0).length).toBeGreaterThan(1);
    expect(counted.reduce((sum, count) => sum + count, 0)).toBe(22);
    expectSameOutcome(merged, single);
  });
});

describe("shard arguments and merge errors", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), "mergegate-shard-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("parses K/N and rejects anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "2"]) expect(() => parseShard(bad)).toThrow(/--shard must be K\/N/);
  });

  it.runIf(hasTool("kubectl"))("the CLI writes shard JSON, refuses another format, and merge needs every shard exactly once", () => {
    const first = path.join(folder, "s1.json");
    const second = path.join(folder, "s2.json");
    expect(mergegate(["check", example, "--offline", "--shard", "1/2", "--output", first]).code).toBe(0);
    expect(mergegate(["check", example, "--offline", "--shard", "2/2", "--output", second]).code).toBe(0);
    const wrongFormat = mergegate(["check", example, "--shard", "1/2", "--format", "sarif"]);
    expect(wrongFormat.code).toBe(2);
    expect(wrongFormat.stderr).toMatch(/--format must be json/);
    const badShard = mergegate(["check", example, "--shard", "3/2"]);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toMatch(/--shard must be K\/N/);
    const merged = mergegate(["merge", first, second, "--format", "json"]);
    expect(merged.code).toBe(1);
    const unsharded = mergegate(["check", example, "--offline", "--format", "json"]);
    expect(JSON.parse(merged.stdout).verdict).toEqual(JSON.parse(unsharded.stdout).verdict);
    const missing = mergegate(["merge", first]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 2\/2 is missing/);
    const twice = mergegate(["merge", first, first]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/s1\.json/);
    const notShard = path.join(folder, "plain.json");
    writeFileSync(notShard, unsharded.stdout);
    const plain = mergegate(["merge", notShard]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/plain\.json.*not a shard result/);
  });
});
