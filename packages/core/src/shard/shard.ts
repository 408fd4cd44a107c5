// `--shard K/N`: which environments and which files' findings one of N shards checks — deterministic, so the N
// shards of one checkout cover everything exactly once.
import { createHash } from "node:crypto";
import { GateError } from "../errors.js";
import type { Finding } from "../types.js";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Rules whose findings each shard reports about its own view of the whole; merge keeps those every shard reports. */
export const perShardRules = new Set(["suppression/unused"]);

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new GateError(`--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/4), got "${text}"`);
  }
  return { index, count };
}

/** The environments of this shard: the candidates sorted by name, dealt round-robin. */
export function shardEnvironments(names: Iterable<string>, shard: Shard): Set<string> {
  const sorted = [...names].sort();
  return new Set(sorted.filter((_name, position) => position % shard.count === shard.index - 1));
}

/** The shard that reports a file's file-level findings: by a hash of its path. */
function shardOfFile(file: string, count: number): number {
  return (createHash("sha256").update(file).digest().readUInt32BE(0) % count) + 1;
}

/** A finding about the whole run (no environment, no place), e.g. schema/no-source: every shard reports its own. */
export function isRunLevel(finding: Finding): boolean {
  return finding.env === null && finding.location === null;
}

/** Keeps the file-level findings this shard owns; environment findings were already limited to its environments. */
export function keepShardFindings(findings: readonly Finding[], shard: Shard): Finding[] {
  return findings.filter((finding) => {
    if (finding.env !== null || perShardRules.has(finding.rule) || isRunLevel(finding)) return true;
    return shardOfFile(finding.location?.file ?? "", shard.count) === shard.index;
  });
}
