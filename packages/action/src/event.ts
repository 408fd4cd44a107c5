// The workflow event's pull request, when there is one: its number and its base and head commits.
import { GateError } from "@mergegate/core";

export interface PullRequest {
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
}

interface PullRequestPayload {
  number?: unknown;
  base?: { sha?: unknown; ref?: unknown };
  head?: { sha?: unknown };
}

/** The pull request of a `pull_request` (or `pull_request_target`) event payload; null for other events. */
export function pullRequestOf(payload: { pull_request?: PullRequestPayload }): PullRequest | null {
  const pull = payload.pull_request;
  if (pull === undefined) return null;
  const { number } = pull;
  const baseSha = pull.base?.sha;
  const baseRef = pull.base?.ref;
  const headSha = pull.head?.sha;
  if (typeof number !== "number" || typeof baseSha !== "string" || typeof baseRef !== "string" || typeof headSha !== "string") {
    throw new GateError("the pull_request event payload lacks number, base.sha, base.ref or head.sha");
  }
  return { number, baseSha, baseRef, headSha };
}
