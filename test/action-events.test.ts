// The GitHub Action on each workflow event, with the payload shapes GitHub documents: a pull request and the merge
// queue judge the same commits the same way (new findings only), pull_request_target never uses the pull request's
// own configuration or policies, push and workflow_dispatch check the whole repository.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAction, type ActionStep } from "./support/action-run.js";
import { exampleFiles } from "./support/example-files.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

const token = "test-token-not-a-secret";
const pullNumber = 7;
const repository = { id: 1, full_name: "acme/gitops", name: "gitops", owner: { login: "acme" }, fork: false };
const sender = { login: "contributor" };

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request (also pull_request_target). */
function pullRequestPayload(base: string, head: string): object {
  return {
    action: "opened",
    number: pullNumber,
    pull_request: {
      number: pullNumber,
      state: "open",
      title: "dev: web 1.9.0-rc1",
      user: sender,
      base: { label: "acme:main", ref: "main", sha: base, repo: repository },
      head: { label: "acme:bump", ref: "bump", sha: head, repo: repository },
    },
    repository,
    sender,
  };
}

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#merge_group */
function mergeGroupPayload(base: string, head: string): object {
  return {
    action: "checks_requested",
    merge_group: {
      head_sha: head,
      head_ref: `refs/heads/gh-readonly-queue/main/pr-${pullNumber}-${base}`,
      base_sha: base,
      base_ref: "refs/heads/main",
      head_commit: { id: head, tree_id: "0".repeat(40), message: "dev: web 1.9.0-rc1", timestamp: "2026-12-02T08:00:00Z", author: { name: "c", email: "c@example.com" }, committer: { name: "GitHub", email: "noreply@github.com" } },
    },
    repository,
    sender,
  };
}

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#push */
function pushPayload(before: string, after: string): object {
  const commit = { id: after, tree_id: "0".repeat(40), distinct: true, message: "dev: web 1.9.0-rc1", timestamp: "2026-12-02T08:00:00Z", author: { name: "c", email: "c@example.com" }, committer: { name: "c", email: "c@example.com" }, added: [], removed: [], modified: ["overlays/dev/kustomization.yaml"] };
  return { ref: "refs/heads/main", before, after, created: false, deleted: false, forced: false, base_ref: null, compare: "", commits: [commit], head_commit: commit, pusher: { name: "c", email: "c@example.com" }, repository, sender };
}

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_dispatch */
function dispatchPayload(): object {
  return { inputs: {}, ref: "refs/heads/main", repository, sender, workflow: ".github/workflows/mergegate.yml" };
}

describe.runIf(hasTool("git") && hasTool("kubectl"))("the GitHub Action on each event", () => {
  const files = exampleFiles();
  let repo: GitRepo;
  let github: FakeGitHub;
  let base: string;
  beforeEach(async () => {
    repo = gitRepo(files);
    base = repo.commit("acme environments");
    repo.git("checkout", "-q", "-b", "bump");
    github = await startFakeGitHub({ owner: "acme", repo: "gitops" });
  });
  afterEach(async () => {
    repo.remove();
    await github.close();
  });

  const step = (event: ActionStep["event"], payload: object, sha: string, inputs: Record<string, string> = {}): ActionStep => ({
    cwd: repo.root,
    event,
    payload,
    inputs: { "github-token": token, ...inputs },
    apiUrl: github.url,
    sha,
  });
  const bumpDev = (): string => {
    repo.write({ "overlays/dev/kustomization.yaml": (files["overlays/dev/kustomization.yaml"] ?? "").replace("newTag: 1.9.0", "newTag: 1.9.0-rc1") });
    return repo.commit("dev: web 1.9.0-rc1");
  };

  it("passes an image bump over long-standing errors as a pull request and in the merge queue alike", async () => {
    const head = bumpDev();
    const asPullRequest = await runAction(step("pull_request", pullRequestPayload(base, head), head));
    expect(asPullRequest.stderr).toBe("");
    expect(asPullRequest.code).toBe(0);
    expect(asPullRequest.outputs).toMatchObject({ verdict: "pass", errors: "0" });
    expect(Number(asPullRequest.outputs["unchanged"])).toBeGreaterThan(0);
    expect(github.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
    github.requests.length = 0;
    const inQueue = await runAction(step("merge_group", mergeGroupPayload(base, head), head));
    expect(inQueue.stderr).toBe("");
    expect(inQueue.code).toBe(0);
    expect(inQueue.outputs).toEqual(expect.objectContaining({ verdict: "pass", errors: "0", unchanged: asPullRequest.outputs["unchanged"] }));
    expect(inQueue.summary).toContain("existing finding");
    // the merge queue has no pull request to comment on
    expect(github.requests).toEqual([]);
    // without new-only the example's own errors fail the same commits
    const everything = await runAction(step("merge_group", mergeGroupPayload(base, head), head, { "new-only": "false" }));
    expect(everything.code).toBe(1);
  });

  it("fails in the merge queue when the change adds an error, on that error only", async () => {
    repo.write({ "overlays/dev/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n", "overlays/dev/kustomization.yaml": (files["overlays/dev/kustomization.yaml"] ?? "").replace("resources:\n", "resources:\n  - bad.yaml\n") });
    const head = repo.commit("dev: bad name");
    const run = await runAction(step("merge_group", mergeGroupPayload(base, head), head));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "fail", errors: "1" });
    expect(run.stdout.split("\n").filter((line) => line.startsWith("::error "))).toEqual([expect.stringContaining("title=k8s/invalid-name (dev)::ConfigMap name \"Bad_Name\"")]);
  });

  it("on pull_request_target uses only the base revision's configuration and policies, never the pull request's, and says so", async () => {
    const config = files["mergegate.yaml"] ?? "";
    repo.write({
      // the pull request tries to switch the rule off and to run its own Rego with the write token
      "mergegate.yaml": `${config}policies: { paths: [policy] }\nrules:\n  k8s/invalid-name: { severity: off }\n`,
      "policy/head.rego": 'package main\n\nimport rego.v1\n\ndeny contains "policy from the pull request head ran" if true\n',
      "overlays/dev/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n",
      "overlays/dev/kustomization.yaml": (files["overlays/dev/kustomization.yaml"] ?? "").replace("resources:\n", "resources:\n  - bad.yaml\n"),
    });
    const head = repo.commit("dev: bad name, rule off");
    // as a plain pull request the head's configuration applies: the rule is off and the head's policy runs
    const trusting = await runAction(step("pull_request", pullRequestPayload(base, head), head, { comment: "false" }));
    expect(trusting.stdout).toContain("policy from the pull request head ran");
    expect(trusting.stdout).not.toContain("title=k8s/invalid-name");
    const run = await runAction(step("pull_request_target", pullRequestPayload(base, head), head, { comment: "false" }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("policy from the pull request head ran");
    expect(run.stdout).toContain("title=k8s/invalid-name (dev)");
    expect(run.summary).toContain("`pull_request_target`: the pull request's manifests were checked with the built-in library and the base revision's");
  });

  it("on pull_request_target refuses a checkout that is not the pull request's head", async () => {
    const head = bumpDev();
    repo.git("checkout", "-q", "main");
    const run = await runAction(step("pull_request_target", pullRequestPayload(base, head), base, { comment: "false" }));
    expect(run.code).toBe(2);
    expect(run.outputs["verdict"]).toBe("error");
    expect(run.stdout).toMatch(/::error title=mergegate gate error::pull_request_target: the checked-out commit [0-9a-f]{12} is not the pull request's head/);
  });

  it("on workflow_dispatch checks the whole repository", async () => {
    const sha = repo.git("rev-parse", "HEAD").trim();
    const run = await runAction(step("workflow_dispatch", dispatchPayload(), sha));
    expect(run.code).toBe(1);
    expect(run.outputs["unchanged"]).toBe("0");
    expect(Number(run.outputs["errors"])).toBeGreaterThan(1);
    expect(github.requests).toEqual([]);
  });

  it("on push checks the whole repository, not the pushed commits against `before`", async () => {
    const head = bumpDev();
    const run = await runAction(step("push", pushPayload(base, head), head));
    expect(run.code).toBe(1);
    expect(run.outputs["unchanged"]).toBe("0");
    const dispatched = await runAction(step("workflow_dispatch", dispatchPayload(), head));
    expect(run.outputs["errors"]).toBe(dispatched.outputs["errors"]);
    expect(Number(run.outputs["errors"])).toBeGreaterThan(1);
    expect(run.summary).not.toContain("Render diff");
    expect(github.requests).toEqual([]);
  });
});
