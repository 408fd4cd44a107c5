// The sticky pull request comment: one comment, found by a hidden marker, created once and updated on later pushes.
import type { getOctokit } from "@actions/github";

type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** created / updated: the comment's URL; forbidden: the token may not write (a fork's read-only token). */
export type CommentOutcome = { action: "created" | "updated"; url: string } | { action: "forbidden"; message: string };

/** The hidden line that identifies this Action's comment for one checked folder. */
export function markerFor(folder: string): string {
  return `<!-- mergegate:sticky-comment ${encodeURIComponent(folder)} -->`;
}

/** Updates the oldest comment that starts with the marker, else creates one; `body` must start with the marker. */
export async function upsertComment(octokit: Octokit, target: CommentTarget, marker: string, body: string): Promise<CommentOutcome> {
  const { owner, repo, issueNumber } = target;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
    const existing = comments.find((comment) => comment.body?.startsWith(marker) === true);
    if (existing !== undefined) {
      const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { action: "updated", url: updated.data.html_url };
    }
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: "created", url: created.data.html_url };
  } catch (error) {
    if (statusOf(error) === 403) return { action: "forbidden", message: (error as Error).message };
    throw error;
  }
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : null;
}
