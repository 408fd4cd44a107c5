// The Action's run: read the inputs, run the gate, then always report — annotations, SARIF file, job summary, sticky
// pull request comment, outputs — and return the exit code (0 pass, 1 fail, 2 gate error).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { formatResult, GateError, runGate, type GateOptions, type GateResult } from "@mergegate/core";
import { markerFor, upsertComment } from "./comment.js";
import { eventOf, type PullRequest, type WorkflowEvent } from "./event.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { commentBody, summaryText, type Failure, type Outcome } from "./reports.js";

interface Setup {
  inputs: ActionInputs;
  event: WorkflowEvent;
}

export async function run(): Promise<number> {
  let setup: Setup | null = null;
  let outcome: Outcome;
  let sarifFile: string | null = null;
  try {
    setup = { inputs: readInputs(), event: eventOf(github.context.eventName, github.context.payload) };
    if (setup.event.trustBaseOnly) checkedOutHead(setup.inputs.path, setup.event);
    outcome = { result: await runGate(gateOptions(setup)) };
    sarifFile = writeSarif(outcome.result, setup.inputs.sarifFile);
  } catch (error) {
    outcome = failureOf(error);
  }
  const linkBase = linkBaseOf(setup?.event.headSha ?? null);
  const note = setup === null ? null : trustNote(setup.event);
  annotate(outcome);
  await writeSummary(outcome, linkBase, note);
  const pullRequest = setup?.event.pullRequest ?? null;
  if (setup !== null && pullRequest !== null && setup.inputs.comment) await comment(setup.inputs, pullRequest, outcome, linkBase, note);
  setOutputs(outcome, sarifFile);
  return "error" in outcome ? 2 : outcome.result.verdict.exitCode;
}

/**
 * With a base (pull request, merge group): diff against it and, unless told otherwise, fail only on findings the
 * change introduces. push and workflow_dispatch check the whole repository.
 */
function gateOptions({ inputs, event }: Setup): GateOptions {
  return {
    repo: inputs.path,
    envs: inputs.environments,
    config: inputs.config,
    failOn: inputs.failOn,
    base: inputs.baseRef ?? event.baseSha,
    changedOnly: inputs.changedOnly ?? false,
    newOnly: inputs.newOnly ?? event.baseSha !== null,
    trustBase: event.trustBaseOnly,
    policyEnv: inputs.policyEnv,
  };
}

/** pull_request_target checks the pull request's head: the workflow must have checked it out (nothing of it runs). */
function checkedOutHead(folder: string, event: WorkflowEvent): void {
  let head: string;
  try {
    head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: folder, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    throw new GateError(`pull_request_target: cannot read the checked-out commit: ${(error as Error).message.split("\n")[0] ?? ""}`, folder);
  }
  if (head !== event.headSha) {
    throw new GateError(
      `pull_request_target: the checked-out commit ${head.slice(0, 12)} is not the pull request's head ${event.headSha?.slice(0, 12) ?? ""}; check it out with actions/checkout (ref: \${{ github.event.pull_request.head.sha }}, fetch-depth: 0) — mergegate reads its manifests but runs none of its policies or configuration`,
    );
  }
}

/** What the summary and the comment say about a pull_request_target run's trust boundary. */
function trustNote(event: WorkflowEvent): string | null {
  if (!event.trustBaseOnly) return null;
  const base = event.baseSha?.slice(0, 12) ?? "the base";
  return `> 🔒 \`pull_request_target\`: the pull request's manifests were checked with the built-in library and the base revision's (${base}) mergegate.yaml, policies and schema locations only — none from the pull request's head.`;
}

/** A gate error keeps its place (file:line) for the annotation; anything else is an internal error. */
function failureOf(error: unknown): Failure {
  if (error instanceof GateError) {
    const file = error.file === null ? null : path.relative(process.cwd(), path.resolve(error.file)).split(path.sep).join("/");
    const inWorkspace = file !== null && file !== "" && !file.startsWith("../");
    return { error: error.oneLine(), file: inWorkspace ? file : null, line: inWorkspace ? error.line : null };
  }
  core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { error: `internal error: ${error instanceof Error ? error.message : String(error)}`, file: null, line: null };
}

/** Writes the SARIF report (a failure to write it is a gate error) and returns its absolute path. */
function writeSarif(result: GateResult, file: string): string {
  const absolute = path.resolve(file);
  try {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, formatResult(result, "sarif"));
  } catch (error) {
    throw new GateError(`cannot write the SARIF report: ${(error as Error).message}`, file);
  }
  return absolute;
}

/** File links in the markdown point at the checked commit: the pull request's or merge group's head, else GITHUB_SHA. */
function linkBaseOf(headSha: string | null): string | undefined {
  const { context } = github;
  const commit = headSha ?? context.sha;
  const repository = process.env["GITHUB_REPOSITORY"];
  if (commit === undefined || repository === undefined) return undefined;
  return `${context.serverUrl}/${repository}/blob/${commit}/`;
}

/** Annotations through the `github` format (at most 10 per type, as GitHub shows); the text report in a log group. */
function annotate(outcome: Outcome): void {
  if ("error" in outcome) {
    core.error(outcome.error, { title: "mergegate gate error", ...(outcome.file === null ? {} : { file: outcome.file }), ...(outcome.line === null ? {} : { startLine: outcome.line }) });
    return;
  }
  core.startGroup("mergegate report");
  core.info(formatResult(outcome.result, "text", { color: false }).trimEnd());
  core.endGroup();
  process.stdout.write(formatResult(outcome.result, "github"));
}

async function writeSummary(outcome: Outcome, linkBase: string | undefined, note: string | null): Promise<void> {
  if (process.env["GITHUB_STEP_SUMMARY"] === undefined) {
    core.info("GITHUB_STEP_SUMMARY is not set: no job summary");
    return;
  }
  try {
    await core.summary.addRaw(summaryText(outcome, linkBase, note)).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`, { title: "mergegate" });
  }
}

/** The sticky comment; a read-only token (fork pull requests) or another API failure never fails the step. */
async function comment(inputs: ActionInputs, pullRequest: PullRequest, outcome: Outcome, linkBase: string | undefined, note: string | null): Promise<void> {
  if (inputs.githubToken === "") {
    core.warning("no github-token: the pull request comment is skipped");
    return;
  }
  const marker = markerFor(inputs.path);
  try {
    const target = { ...github.context.repo, issueNumber: pullRequest.number };
    const posted = await upsertComment(github.getOctokit(inputs.githubToken), target, marker, commentBody(outcome, marker, linkBase, note));
    if (posted.action === "forbidden") {
      core.notice(`the token may not comment on this pull request (a fork's read-only token?): comment skipped — ${posted.message}`, { title: "mergegate" });
    } else {
      core.info(`pull request comment ${posted.action}: ${posted.url}`);
    }
  } catch (error) {
    core.warning(`could not post the pull request comment: ${(error as Error).message}`, { title: "mergegate" });
  }
}

function setOutputs(outcome: Outcome, sarifFile: string | null): void {
  if ("error" in outcome) {
    core.setOutput("verdict", "error");
  } else {
    const { status, counts } = outcome.result.verdict;
    core.setOutput("verdict", status);
    core.setOutput("errors", counts.error);
    core.setOutput("warnings", counts.warning);
    core.setOutput("unchanged", counts.unchanged);
  }
  core.setOutput("sarif-file", sarifFile ?? "");
}
