// Run-level summaries: findings about the whole run (no environment, no place) whose message totals what every
// environment contributed, such as schema/no-source's count of objects left unvalidated. A shard sees only its
// environments, so it also writes the facts behind each summary; merge takes each environment's part from the
// shard that checked it, every shard's run part, and writes the message again with the same function the
// unsharded run used — so the merged result equals the unsharded one.
import { noSourceSummary } from "../checks/schema/missing-sources.js";

export interface SummaryKind {
  /** The message from the parts of the checked environments and of the run (any order: the message sorts). */
  message(environments: readonly unknown[], runs: readonly unknown[]): string;
}

export const summaryKinds: ReadonlyMap<string, SummaryKind> = new Map([["schema/no-source", noSourceSummary]]);

export const summaryKey = (rule: string, fingerprint: string): string => `${rule}\u0000${fingerprint}`;
