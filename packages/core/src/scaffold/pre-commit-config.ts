// .pre-commit-config.yaml for `mergegate init`: the mergegate hook from the mergegate repository, pinned to this release.
import { releaseTag } from "./release.js";

/** `prefix` ("" or "sub/dir/") is where the environment repository sits in the git repository. */
export function preCommitConfigText(owner: string, prefix: string): string {
  const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  const folder = prefix === "" ? "" : `        args: [${JSON.stringify(prefix.replace(/\/$/, ""))}]\n        files: ${JSON.stringify(pattern)}\n`;
  return `# pre-commit hooks (https://pre-commit.com), written by \`mergegate init\`.
# \`pre-commit install\` once; from then on every commit is checked by mergegate (staged changes only).
repos:
  - repo: https://github.com/${owner}/mergegate
    rev: ${releaseTag}
    hooks:
      - id: mergegate
${folder}`;
}
