// The workflow event as the gate sees it: what to compare with (a pull request's or merge group's base commit),
// which commit is checked, and whether the run may trust the checked tree's own configuration and policies.
import { GateError } from "@mergegate/core";

export interface PullRequest {
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
}

export interface WorkflowEvent {
  name: string;
  /** The pull request of pull_request and pull_request_target events. */
  pullRequest: PullRequest | null;
  /** The commit to compare with: the pull request's base, the merge group's base_sha; null checks everything. */
  baseSha: string | null;
  /** The checked commit (file links point at it); null: the workflow's GITHUB_SHA. */
  headSha: string | null;
  /**
   * pull_request_target runs with a write token on the base's workflow: the checked pull request's configuration,
   * policies and schema locations are never used, only the built-in library and the base revision's.
   */
  trustBaseOnly: boolean;
}

interface PullRequestPayload {
  number?: unknown;
  base?: { sha?: unknown; ref?: unknown };
  head?: { sha?: unknown };
}

interface MergeGroupPayload {
  base_sha?: unknown;
  head_sha?: unknown;
}

interface Payload {
  pull_request?: PullRequestPayload;
  merge_group?: MergeGroupPayload;
}

export function eventOf(name: string, payload: Payload): WorkflowEvent {
  if (name === "merge_group") {
    const group = payload.merge_group;
    const baseSha = group?.base_sha;
    const headSha = group?.head_sha;
    if (typeof baseSha !== "string" || typeof headSha !== "string") throw new GateError("the merge_group event payload lacks merge_group.base_sha or merge_group.head_sha");
    return { name, pullRequest: null, baseSha, headSha, trustBaseOnly: false };
  }
  // push, workflow_dispatch, schedule…: the whole repository, no base
  const pullRequest = pullRequestOf(payload);
  if (pullRequest === null) return { name, pullRequest: null, baseSha: null, headSha: null, trustBaseOnly: false };
  return { name, pullRequest, baseSha: pullRequest.baseSha, headSha: pullRequest.headSha, trustBaseOnly: name === "pull_request_target" };
}

/** The pull request of a `pull_request` (or `pull_request_target`) event payload; null for other events. */
export function pullRequestOf(payload: Payload): PullRequest | null {
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
