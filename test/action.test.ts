// The GitHub Action end to end: the bundled packages/action/dist/index.js run as the runner runs it, on a temp git
// repo made from examples/acme-gitops (base and head commits), against a local stand-in for GitHub's REST API.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actionDir, runAction, type ActionRun } from "./support/action-run.js";
import { exampleFiles } from "./support/example-files.js";
import { mergegate } from "./support/cli.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

const token = "test-token-not-a-secret";
const pullNumber = 42;

const configMap = (name: string): string =>
  ["# Payment feature flags for staging.", "apiVersion: v1", "kind: ConfigMap", "metadata:", `  name: ${name}`, "data:", '  PAYMENTS_V2: "true"', ""].join("\n");

/** The staging overlay with one more resource file. */
function stagingWith(files: Record<string, string>, resource: string): string {
  const kustomization = files["overlays/staging/kustomization.yaml"] ?? "";
  return kustomization.replace("  - checkout-flag.yaml\n", `  - checkout-flag.yaml\n  - ${resource}\n`);
}

function pullRequestEvent(base: { sha: string }, head: { sha: string }, fork = false): object {
  const upstream = { full_name: "acme/gitops", name: "gitops", owner: { login: "acme" }, fork: false };
  return {
    action: "synchronize",
    number: pullNumber,
    pull_request: {
      number: pullNumber,
      state: "open",
      title: "staging: payment flags",
      html_url: `https://github.com/acme/gitops/pull/${pullNumber}`,
      user: { login: "contributor" },
      base: { ref: "main", sha: base.sha, repo: upstream },
      head: { ref: "payments", sha: head.sha, repo: fork ? { full_name: "contributor/gitops", name: "gitops", owner: { login: "contributor" }, fork: true } : upstream },
    },
    repository: upstream,
    sender: { login: "contributor" },
  };
}

const annotations = (run: ActionRun, type: "error" | "warning" | "notice"): string[] => run.stdout.split("\n").filter((line) => line.startsWith(`::${type} `));
const commentWrites = (github: FakeGitHub) => github.requests.filter((request) => request.method === "POST" || request.method === "PATCH");

describe.runIf(hasTool("git") && hasTool("kubectl"))("the GitHub Action on a pull request", () => {
  const files = exampleFiles();
  let repo: GitRepo;
  let github: FakeGitHub;
  let base: string;
  beforeEach(async () => {
    repo = gitRepo(files);
    base = repo.commit("acme environments");
    repo.git("checkout", "-q", "-b", "payments");
    github = await startFakeGitHub({ owner: "acme", repo: "gitops" });
  });
  afterEach(async () => {
    repo.remove();
    await github.close();
  });

  const step = (head: string, inputs: Record<string, string> = {}, fork = false) => ({
    cwd: repo.root,
    event: "pull_request" as const,
    payload: pullRequestEvent({ sha: base }, { sha: head }, fork),
    inputs: { "github-token": token, ...inputs },
    apiUrl: github.url,
    sha: head,
  });

  it("fails on a new finding, then passes after the fix: one sticky comment, created then updated", async () => {
    // Another step's sticky comment (it checks platform/) and a reviewer quoting ours are not this step's comment.
    const other = github.addComment(pullNumber, "<!-- mergegate:sticky-comment platform -->\n## ✅ mergegate: pass\n");
    github.addComment(pullNumber, "> <!-- mergegate:sticky-comment . -->\n> ## ❌ mergegate: fail\n\nwhy does this fail?", "reviewer");
    for (let index = 0; index < 118; index++) github.addComment(pullNumber, `review comment ${index}`, "reviewer");
    repo.write({ "overlays/staging/payments-flags.yaml": configMap("payments_flags"), "overlays/staging/kustomization.yaml": stagingWith(files, "payments-flags.yaml") });
    const failing = repo.commit("staging: payment flags");

    const first = await runAction(step(failing));
    expect(first.stderr).toBe("");
    expect(first.code).toBe(1);
    expect(first.outputs).toMatchObject({ verdict: "fail", errors: "1", warnings: "0" });
    // Only the pull request's change counts: the example's own problems are in the base too.
    expect(annotations(first, "error")).toEqual([
      expect.stringMatching(/^::error file=overlays\/staging\/payments-flags\.yaml,line=5,col=3,.*title=k8s\/invalid-name \(staging\)::ConfigMap name "payments_flags" must be a DNS-1123 subdomain/),
    ]);
    expect(first.summary).toMatch(/^## ❌ mergegate: fail/);
    expect(first.summary).toContain(`[\`overlays/staging/payments-flags.yaml:5\`](https://github.com/acme/gitops/blob/${failing}/overlays/staging/payments-flags.yaml#L5)`);
    expect(first.outputs["sarif-file"]).toMatch(/mergegate\.sarif$/);
    const sarif = JSON.parse(first.sarif ?? "null") as { runs: { results: { ruleId: string; level: string; baselineState?: string }[] }[] };
    // new-only (the pull request default): the example's own errors are in the base too, so they are unchanged
    const errors = sarif.runs[0]?.results.filter((result) => result.level === "error") ?? [];
    expect(errors.filter((result) => result.baselineState === "new").map((result) => result.ruleId)).toEqual(["k8s/invalid-name"]);
    expect(errors.filter((result) => result.baselineState === "unchanged").length).toBeGreaterThan(0);
    expect(Number(first.outputs["unchanged"])).toBeGreaterThan(0);
    expect(first.summary).toMatch(/\d+ existing findings? left aside/);

    // The comment list is read through every page (120 earlier comments), then one comment is created.
    expect(github.requests.filter((request) => request.method === "GET").map((request) => request.query.get("page") ?? "1")).toEqual(["1", "2"]);
    expect(commentWrites(github).map((request) => `${request.method} ${request.path}`)).toEqual([`POST /repos/acme/gitops/issues/${pullNumber}/comments`]);
    expect(github.requests.every((request) => request.authorization === `token ${token}`)).toBe(true);
    const sticky = github.comments.get(pullNumber)?.filter((comment) => comment.body.startsWith("<!-- mergegate:sticky-comment . -->\n")) ?? [];
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.body).toContain("## ❌ mergegate: fail");
    expect(sticky[0]?.body).toContain("`k8s/invalid-name`");
    expect(first.stdout).toContain(`pull request comment created: ${sticky[0]?.html_url}`);

    repo.write({ "overlays/staging/payments-flags.yaml": configMap("payments-flags") });
    const fixed = repo.commit("staging: valid name");
    github.requests.length = 0;
    const second = await runAction(step(fixed));
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({ verdict: "pass", errors: "0", warnings: "0" });
    expect(annotations(second, "error")).toEqual([]);
    expect(second.summary).toMatch(/^## ✅ mergegate: pass/);
    expect(commentWrites(github).map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /repos/acme/gitops/issues/comments/${sticky[0]?.id}`]);
    expect(github.comments.get(pullNumber)).toHaveLength(121);
    expect(sticky[0]?.body).toContain("## ✅ mergegate: pass");
    expect(other.body).toBe("<!-- mergegate:sticky-comment platform -->\n## ✅ mergegate: pass\n");
  });

  it("truncates the comment to GitHub's 65,536 characters with a note, keeps the whole report in the summary, annotates 10 errors", async () => {
    const names = Array.from({ length: 600 }, (_, index) => `bulk_flag_${index}`);
    repo.write({
      "overlays/staging/bulk-flags.yaml": names.map((name) => configMap(name)).join("---\n"),
      "overlays/staging/kustomization.yaml": stagingWith(files, "bulk-flags.yaml"),
    });
    const head = repo.commit("staging: 600 flags");
    const run = await runAction(step(head));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: "fail", errors: "600" });
    expect(annotations(run, "error")).toHaveLength(10);
    expect(annotations(run, "notice")).toContainEqual(expect.stringContaining("::590 more findings not annotated (GitHub shows 10 per type)"));
    expect(run.stdout).not.toContain("could not post");
    const body = github.comments.get(pullNumber)?.[0]?.body ?? "";
    expect(body.length).toBeGreaterThan(60_000);
    expect(body.length).toBeLessThanOrEqual(65_536);
    const shown = body.split("\n").filter((line) => line.startsWith("| 🔴 error | `k8s/invalid-name`")).length;
    expect(shown).toBeGreaterThan(100);
    // the rows cut: the new errors not shown, and the folded table of findings the base also has
    expect(body).toContain(`> ✂️ Truncated: ${600 - shown + Number(run.outputs["unchanged"])} more rows and the render diff not shown`);
    expect(body.trimEnd().endsWith("see the SARIF report for everything.")).toBe(true);
    const newFindings = run.summary.split(/<details><summary>\d+ existing/)[0] ?? "";
    const summaryRows = newFindings.split("\n").filter((line) => line.startsWith("| 🔴 error | `k8s/invalid-name`"));
    expect(summaryRows).toHaveLength(600);
    expect(run.summary).not.toContain("Truncated");
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
  });

  it("skips the comment with a notice on a fork's read-only token (403), and does not fail for that", async () => {
    github.forbidWrites = true;
    repo.write({ "overlays/staging/payments-flags.yaml": configMap("payments-flags"), "overlays/staging/kustomization.yaml": stagingWith(files, "payments-flags.yaml") });
    const head = repo.commit("staging: payment flags");
    const run = await runAction(step(head, {}, true));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "pass", errors: "0" });
    expect(annotations(run, "notice")).toContainEqual(expect.stringMatching(/^::notice title=mergegate::the token may not comment on this pull request .*comment skipped — Resource not accessible by integration/));
    expect(annotations(run, "warning")).toEqual([]);
    expect(commentWrites(github)).toHaveLength(1);
    expect(github.comments.get(pullNumber)).toBeUndefined();
    expect(run.summary).toMatch(/^## ✅ mergegate: pass/);
  });

  it("on a gate error (invalid mergegate.yaml) still writes the summary and the comment, sets verdict=error and exits 2", async () => {
    const config = (files["mergegate.yaml"] ?? "").replace("    failOn: warning\n", "    failOn: sometimes\n");
    const line = config.split("\n").indexOf("    failOn: sometimes") + 1;
    expect(line).toBeGreaterThan(0);
    repo.write({ "mergegate.yaml": config });
    const head = repo.commit("config typo");
    const run = await runAction(step(head));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual({ verdict: "error", "sarif-file": "" });
    const message = `mergegate.yaml:${line}: invalid config: environments.prod.failOn: must be one of "error", "warning", "info", "never"`;
    expect(annotations(run, "error")).toEqual([`::error title=mergegate gate error,file=mergegate.yaml,line=${line}::${message}`]);
    expect(run.summary).toBe(`## ⚠️ mergegate: error\n\nThe gate could not run, so there is no verdict:\n\n> ${message}\n`);
    const bodies = github.comments.get(pullNumber)?.map((comment) => comment.body) ?? [];
    expect(bodies).toEqual([`<!-- mergegate:sticky-comment . -->\n${run.summary}`]);
  });

  it("checks only the environments asked for, and posts nothing with comment: false", async () => {
    repo.write({ "overlays/staging/payments-flags.yaml": configMap("payments_flags"), "overlays/staging/kustomization.yaml": stagingWith(files, "payments-flags.yaml") });
    const head = repo.commit("staging: payment flags");
    const run = await runAction(step(head, { environments: "dev,\nprod", comment: "false" }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "pass", errors: "0" });
    const environments = run.summary.split("\n").filter((line) => /^\| (dev|staging|prod|platform) \|/.test(line)).map((line) => line.split(" | ")[0]);
    expect(environments).toEqual(["| dev", "| prod"]);
    expect(github.requests).toEqual([]);
  });

  it("rejects an invalid input as a gate error naming it", async () => {
    const run = await runAction(step(base, { "fail-on": "sometimes" }));
    expect(run.code).toBe(2);
    expect(run.outputs["verdict"]).toBe("error");
    expect(run.summary).toContain('> input fail-on: "sometimes" is not one of error, warning, info, never');
  });

  it("tells a shallow checkout without the base commit to use fetch-depth: 0", async () => {
    repo.write({ "overlays/staging/payments-flags.yaml": configMap("payments-flags"), "overlays/staging/kustomization.yaml": stagingWith(files, "payments-flags.yaml") });
    const head = repo.commit("staging: payment flags");
    const shallow = mkdtempSync(path.join(os.tmpdir(), "mergegate-shallow-"));
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "payments", `file://${repo.root}`, shallow], { env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" } });
      const run = await runAction({ ...step(head), cwd: shallow });
      expect(run.code).toBe(2);
      expect(run.outputs["verdict"]).toBe("error");
      expect(run.summary).toContain(`base ref "${base}" not found`);
      expect(run.summary).toContain("fetch-depth: 0");
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});

describe.runIf(hasTool("git") && hasTool("kubectl"))("the GitHub Action on a push", () => {
  let repo: GitRepo;
  let github: FakeGitHub;
  let relocated: string;
  beforeAll(async () => {
    repo = gitRepo(exampleFiles());
    repo.commit("acme environments");
    github = await startFakeGitHub({ owner: "acme", repo: "gitops" });
    // What a `uses:` checkout holds: the committed bundle and the policy library, no node_modules.
    relocated = mkdtempSync(path.join(os.tmpdir(), "mergegate-action-checkout-"));
    for (const file of ["index.js", "re2.wasm"]) cpSync(path.join(actionDir, "dist", file), path.join(relocated, "packages/action/dist", file));
    cpSync(path.join(projectRoot, "policies"), path.join(relocated, "policies"), { recursive: true });
  });
  afterAll(async () => {
    repo.remove();
    rmSync(relocated, { recursive: true, force: true });
    await github.close();
  });

  it("checks everything, reports what the CLI reports, and never calls the comments API", async () => {
    const sha = repo.git("rev-parse", "HEAD").trim();
    const payload = { ref: "refs/heads/main", before: "0".repeat(40), after: sha, repository: { full_name: "acme/gitops", name: "gitops", owner: { login: "acme" } }, head_commit: { id: sha } };
    const run = await runAction({ cwd: repo.root, event: "push", payload, inputs: { "github-token": token }, apiUrl: github.url, sha, script: path.join(relocated, "packages/action/dist/index.js") });
    expect(run.stderr).toBe("");
    const cli = mergegate(["check", repo.root, "--format", "json"]);
    const report = JSON.parse(cli.stdout) as { verdict: { status: string; exitCode: number; counts: { error: number; warning: number } } };
    expect(report.verdict.status).toBe("fail");
    expect(run.code).toBe(report.verdict.exitCode);
    expect(run.outputs).toMatchObject({ verdict: "fail", errors: String(report.verdict.counts.error), warnings: String(report.verdict.counts.warning) });
    expect(annotations(run, "error")).toHaveLength(report.verdict.counts.error);
    expect(run.summary).toMatch(/^## ❌ mergegate: fail/);
    expect(github.requests).toEqual([]);
  });

  it("still reports verdict=error when the engine cannot load re2.wasm (loaded on the first regular expression)", async () => {
    const broken = mkdtempSync(path.join(os.tmpdir(), "mergegate-action-broken-"));
    try {
      cpSync(relocated, broken, { recursive: true });
      rmSync(path.join(broken, "packages/action/dist/re2.wasm"));
      const sha = repo.git("rev-parse", "HEAD").trim();
      const run = await runAction({ cwd: repo.root, event: "push", payload: {}, inputs: {}, apiUrl: github.url, sha, script: path.join(broken, "packages/action/dist/index.js") });
      expect(run.code).toBe(2);
      expect(run.outputs).toEqual({ verdict: "error", "sarif-file": "" });
      expect(annotations(run, "error")).toEqual([expect.stringMatching(/^::error title=mergegate gate error::internal error: .*re2\.wasm/)]);
      expect(run.summary).toMatch(/^## ⚠️ mergegate: error\n\nThe gate could not run, so there is no verdict:\n\n> internal error: [^\n]*re2\.wasm/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe("the committed bundle", () => {
  it("is what the build makes from the current sources", () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), "mergegate-action-build-"));
    try {
      execFileSync(process.execPath, [path.join(actionDir, "build.mjs"), "--outdir", fresh], { cwd: projectRoot });
      for (const file of ["index.js", "re2.wasm"]) {
        const same = readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(actionDir, "dist", file)));
        expect(same, `packages/action/dist/${file} is stale: run npm run build:action and commit dist/`).toBe(true);
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
