// .github/workflows/mergegate.yml for `mergegate init`: runs on every pull request (no `paths:` filter, so it can
// be a required status check), uploads SARIF to code scanning, and fetches full history for the merge-base.

import { releaseTag } from "./release.js";

const workflowJobName = "mergegate";

/** `prefix` ("" or "sub/dir/") is where the environment repository sits in the git repository. */
export function workflowText(owner: string, prefix: string): string {
  const folder = prefix === "" ? "" : `        with:\n          path: ${JSON.stringify(prefix.replace(/\/$/, ""))}\n`;
  return `# mergegate: the pre-merge gate for this environment repository, written by \`mergegate init\`.
# It runs on every pull request — no \`paths:\` filter — so the job "${workflowJobName}" can be a required status
# check in branch protection: a required check whose workflow does not run leaves the pull request waiting forever.
name: mergegate

on:
  pull_request:
  merge_group:
  push:
    branches: [main]

permissions:
  contents: read
  pull-requests: write # the sticky report comment
  security-events: write # SARIF upload to code scanning
  actions: read # SARIF upload in private repositories

jobs:
  ${workflowJobName}:
    name: ${workflowJobName}
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the diff against the pull request's base needs the merge-base
      - id: gate
        uses: ${owner}/mergegate/packages/action@${releaseTag}
${folder}      - name: Upload SARIF
        # Also when the gate failed; not on pull requests from forks, whose token cannot write security events.
        if: always() && steps.gate.outputs.sarif-file != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: \${{ steps.gate.outputs.sarif-file }}
          category: mergegate
`;
}
