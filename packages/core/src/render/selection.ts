// Which environments a run renders and checks: the affected ones (with a base), this shard's share (with --shard),
// plus — for cross-environment checks only — the environments of the promotion chain.
import type { Config } from "../config/config.js";
import type { Shard } from "../shard/shard.js";
import { shardEnvironments } from "../shard/shard.js";
import type { Environment } from "../types.js";
import { unaffectedReason } from "./affected.js";

export interface SelectionOptions {
  head: readonly Environment[];
  /** The base's environments (those the head lacks were removed: they count as affected); empty without a base. */
  base: readonly Environment[];
  config: Config;
  /** The head's environments the change affects (affected.ts); null checks every environment. */
  affected: ReadonlySet<string> | null;
  shard: Shard | null;
  /** Whether cross-environment checks (promotion order) run: they need the promotion chain's renders. */
  crossEnvironment: boolean;
}

export interface Selection {
  /** Rendered and checked by the per-environment checks. */
  checked: Set<string>;
  /** Rendered: the checked ones plus the promotion chain, for cross-environment checks. */
  rendered: Set<string>;
  /** Why each environment that is not checked was skipped. */
  skipped: Map<string, string>;
}

export function selectEnvironments(options: SelectionOptions): Selection {
  const headNames = options.head.map((env) => env.name);
  const removed = options.base.map((env) => env.name).filter((name) => !headNames.includes(name));
  const skipped = new Map<string, string>();
  let candidates = new Set([...headNames, ...removed]);
  const affected = options.affected;
  if (affected !== null) {
    for (const name of headNames) if (!affected.has(name)) skipped.set(name, unaffectedReason);
    candidates = new Set([...affected, ...removed]);
  }
  let checked = candidates;
  const shard = options.shard;
  if (shard !== null) {
    checked = shardEnvironments(candidates, shard);
    const owners = [...candidates].sort();
    owners.forEach((name, position) => {
      if (!checked.has(name)) skipped.set(name, `checked by shard ${(position % shard.count) + 1}/${shard.count}`);
    });
  }
  const chain = options.crossEnvironment && checked.size > 0 ? (options.config.promotion ?? []) : [];
  return { checked, rendered: new Set([...checked, ...chain]), skipped };
}
