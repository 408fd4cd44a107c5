// Shard results: `check --shard K/N` writes the json format plus what `mergegate merge` needs (the shard's
// environments, resource keys and whole diff); merging N of them rebuilds one result and decides its verdict again.
import { GateError } from "../errors.js";
import { compareFindings } from "../gate.js";
import type { EnvironmentDiff, RenderDiff } from "../diff/render-diff.js";
import { formatJson } from "../report/json.js";
import type { EnvironmentRender, EnvironmentVerdict, FailOn, Finding, GateResult, ResourceKey, ShardCoverage, ToolInfo } from "../types.js";
import { decide } from "../verdict/decide.js";
import { summaryKey, summaryKinds } from "./run-summaries.js";
import { isRunLevel, perShardRules } from "./shard.js";

interface ShardPayload extends ShardCoverage {
  /** Resource keys of each checked environment's render (the junit format lists passing resources). */
  resources: Record<string, ResourceKey[]>;
  /** The whole render diff of the shard's environments (the json format only has counts). */
  diff: RenderDiff | null;
}

interface ShardFile {
  file: string;
  tool: ToolInfo;
  environments: EnvironmentVerdict[];
  findings: Finding[];
  shard: ShardPayload;
}

/** The shard's result: the json format (CONTRACTS) with an added `shard` key; its result is redacted by runGate. */
export function formatShardResult(result: GateResult): string {
  if (result.shard === undefined) throw new Error("formatShardResult needs a result of runGate with shard");
  const checked = new Set(result.shard.environments);
  const resources = Object.fromEntries(
    result.render.environments.filter((envRender) => checked.has(envRender.env.name)).map((envRender) => [envRender.env.name, envRender.resources.map((resource) => resource.key)]),
  );
  const payload: ShardPayload = { ...result.shard, resources, diff: result.diff };
  const output = { ...(JSON.parse(formatJson(result)) as object), shard: payload };
  return JSON.stringify(output, null, 2) + "\n";
}

/** Combines the results of shards 1…N of one run; a missing, repeated or foreign shard is a gate error. */
export function mergeShards(inputs: readonly { file: string; text: string }[]): GateResult {
  if (inputs.length === 0) throw new GateError("merge needs at least one shard result");
  const shards = inputs.map(readShard).sort((a, b) => a.shard.index - b.shard.index);
  const first = shards[0] as ShardFile;
  const count = first.shard.count;
  for (const shard of shards) {
    if (shard.shard.count !== count) throw new GateError(`shard ${shard.shard.index}/${shard.shard.count} does not belong with shard ${first.shard.index}/${count}`, shard.file);
  }
  shards.forEach((shard, position) => {
    if (shard.shard.index !== position + 1) throw new GateError(`expected shard ${position + 1}/${count}, got ${shard.shard.index}/${count} (each of the ${count} shards exactly once)`, shard.file);
  });
  if (shards.length !== count) throw new GateError(`got ${shards.length} of ${count} shard results: shard ${shards.length + 1}/${count} is missing`);
  const owner = new Map<string, ShardFile>();
  for (const shard of shards) for (const name of shard.shard.environments) owner.set(name, shard);
  const renders: EnvironmentRender[] = first.environments.map((entry) => {
    const verdict = owner.get(entry.name)?.environments.find((candidate) => candidate.name === entry.name) ?? entry;
    return renderOf(verdict, owner.get(entry.name)?.shard.resources[entry.name] ?? []);
  });
  const findings = mergeFindings(shards, owner).sort(compareFindings);
  const failOn: FailOn | null = first.shard.failOn;
  const verdict = decide(renders, findings, { failOn });
  return {
    tool: first.tool,
    render: { environments: renders },
    findings,
    verdict,
    diff: mergeDiffs(shards, owner),
    redact: (text) => text,
    unusedBaseline: [],
    root: "",
    config: { version: 1 },
  };
}

function readShard(input: { file: string; text: string }): ShardFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.text);
  } catch (error) {
    throw new GateError(`not a JSON shard result: ${(error as Error).message}`, input.file);
  }
  const value = parsed as Partial<ShardFile> & { version?: unknown };
  const shard = value.shard;
  if (typeof value !== "object" || value === null || value.version !== 1 || shard === undefined || typeof shard.index !== "number" || typeof shard.count !== "number") {
    throw new GateError("not a shard result: write one with `mergegate check --shard K/N`", input.file);
  }
  if (!Array.isArray(value.environments) || !Array.isArray(value.findings) || !Array.isArray(shard.environments) || value.tool === undefined) {
    throw new GateError("malformed shard result: environments, findings and shard.environments must be lists", input.file);
  }
  if (shard.summaries !== undefined && !Array.isArray(shard.summaries)) throw new GateError("malformed shard result: shard.summaries must be a list", input.file);
  return { file: input.file, tool: value.tool, environments: value.environments, findings: value.findings, shard: { ...shard, summaries: shard.summaries ?? [] } };
}

function renderOf(verdict: EnvironmentVerdict, keys: readonly ResourceKey[]): EnvironmentRender {
  const env = { name: verdict.name, path: verdict.path, renderer: verdict.renderer as EnvironmentRender["env"]["renderer"], failOn: verdict.failOn, kubernetesVersion: null, progressive: false,
    production: verdict.production ?? false, units: [], sources: verdict.sources ?? [], detectedBy: "config" as const, kustomizeBuildOptions: [] };
  const resources = keys.map((key) => ({ key, object: {}, origin: { file: "", documentIndex: null, basePointer: "", generator: null }, env: verdict.name }));
  return { env, resources, kustomizations: [], failed: verdict.status === "error", skippedReason: verdict.skippedReason, problems: [] };
}

/**
 * Every shard's own findings; a per-shard rule's finding (an unused suppression) only when every shard reports it;
 * a run-level finding once per rule and fingerprint — a summary (schema/no-source) written again from the facts
 * of all shards (see run-summaries.ts), any other one as the shards report it.
 */
function mergeFindings(shards: readonly ShardFile[], owner: ReadonlyMap<string, ShardFile>): Finding[] {
  const findings: Finding[] = [];
  const perShard = new Map<string, { finding: Finding; shards: Set<number> }>();
  const runLevel = new Map<string, Finding>();
  for (const shard of shards) {
    for (const finding of shard.findings) {
      if (!perShardRules.has(finding.rule) && isRunLevel(finding)) {
        const key = summaryKey(finding.rule, finding.fingerprint);
        if (!runLevel.has(key)) runLevel.set(key, finding);
        continue;
      }
      if (!perShardRules.has(finding.rule)) {
        findings.push(finding);
        continue;
      }
      const key = JSON.stringify([finding.rule, finding.fingerprint, finding.location, finding.message]);
      const entry = perShard.get(key) ?? { finding, shards: new Set<number>() };
      entry.shards.add(shard.shard.index);
      perShard.set(key, entry);
    }
  }
  for (const { finding, shards: reportedBy } of perShard.values()) if (reportedBy.size === shards.length) findings.push(finding);
  return [...findings, ...[...runLevel.values()].map((finding) => totalled(finding, shards, owner))];
}

/** A run-level summary with the message of all shards' facts: each environment's part from the shard that checked it. */
function totalled(finding: Finding, shards: readonly ShardFile[], owner: ReadonlyMap<string, ShardFile>): Finding {
  const kind = summaryKinds.get(finding.rule);
  if (kind === undefined) return finding;
  const environments: unknown[] = [];
  const runs: unknown[] = [];
  for (const shard of shards) {
    const summary = shard.shard.summaries.find((candidate) => candidate.rule === finding.rule && candidate.fingerprint === finding.fingerprint);
    if (summary === undefined || typeof summary.facts !== "object" || summary.facts === null) continue;
    for (const [env, part] of Object.entries(summary.facts.environments ?? {})) if (owner.get(env) === shard) environments.push(part);
    runs.push(summary.facts.run);
  }
  return runs.length === 0 ? finding : { ...finding, message: kind.message(environments, runs) };
}

/** Each environment's diff from the shard that checked it, in the order of the environments. */
function mergeDiffs(shards: readonly ShardFile[], owner: ReadonlyMap<string, ShardFile>): RenderDiff | null {
  const withDiff = shards.filter((shard) => shard.shard.diff !== null);
  const first = withDiff[0]?.shard.diff;
  if (first === undefined || first === null) return null;
  const environments: EnvironmentDiff[] = [];
  for (const shard of withDiff) {
    for (const envDiff of shard.shard.diff?.environments ?? []) if (owner.get(envDiff.env) === shard) environments.push(envDiff);
  }
  const order = new Map((shards[0]?.environments ?? []).map((env, position) => [env.name, position]));
  environments.sort((a, b) => (order.get(a.env) ?? order.size) - (order.get(b.env) ?? order.size) || (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
  return { base: first.base, head: first.head, environments };
}
