// The Action's run: read the inputs, run the gate, then always report — annotations, SARIF file, job summary, sticky
// pull request comment, outputs — and return the exit code (0 pass, 1 fail, 2 gate error).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { formatResult, GateError, runGate, type GateOptions, type GateResult } from "@mergegate/core";
import { markerFor, upsertComment } from "./comment.js";
import { pullRequestOf, type PullRequest } from "./event.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { commentBody, summaryText, type Failure, type Outcome } from "./reports.js";

interface Setup {
  inputs: ActionInputs;
  pullRequest: PullRequest | null;
}

export async function run(): Promise<number> {
  let setup: Setup | null = null;
  let outcome: Outcome;
  let sarifFile: string | null = null;
  try {
    setup = { inputs: readInputs(), pullRequest: pullRequestOf(github.context.payload) };
    outcome = { result: await runGate(gateOptions(setup)) };
    sarifFile = writeSarif(outcome.result, setup.inputs.sarifFile);
  } catch (error) {
    outcome = failureOf(error);
  }
  const linkBase = linkBaseOf(setup?.pullRequest ?? null);
  annotate(outcome);
  await writeSummary(outcome, linkBase);
  if (setup !== null && setup.pullRequest !== null && setup.inputs.comment) await comment(setup.inputs, setup.pullRequest, outcome, linkBase);
  setOutputs(outcome, sarifFile);
  return "error" in outcome ? 2 : outcome.result.verdict.exitCode;
}

/** On a pull request: diff against its base commit and, unless told otherwise, keep findings on changed lines only. */
function gateOptions({ inputs, pullRequest }: Setup): GateOptions {
  return {
    repo: inputs.path,
    envs: inputs.environments,
    config: inputs.config,
    failOn: inputs.failOn,
    base: inputs.baseRef ?? pullRequest?.baseSha ?? null,
    changedOnly: inputs.changedOnly ?? pullRequest !== null,
    policyEnv: inputs.policyEnv,
  };
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

/** File links in the markdown point at the checked commit: the pull request's head, else the pushed commit. */
function linkBaseOf(pullRequest: PullRequest | null): string | undefined {
  const { context } = github;
  const commit = pullRequest?.headSha ?? context.sha;
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

async function writeSummary(outcome: Outcome, linkBase: string | undefined): Promise<void> {
  if (process.env["GITHUB_STEP_SUMMARY"] === undefined) {
    core.info("GITHUB_STEP_SUMMARY is not set: no job summary");
    return;
  }
  try {
    await core.summary.addRaw(summaryText(outcome, linkBase)).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`, { title: "mergegate" });
  }
}

/** The sticky comment; a read-only token (fork pull requests) or another API failure never fails the step. */
async function comment(inputs: ActionInputs, pullRequest: PullRequest, outcome: Outcome, linkBase: string | undefined): Promise<void> {
  if (inputs.githubToken === "") {
    core.warning("no github-token: the pull request comment is skipped");
    return;
  }
  const marker = markerFor(inputs.path);
  try {
    const target = { ...github.context.repo, issueNumber: pullRequest.number };
    const posted = await upsertComment(github.getOctokit(inputs.githubToken), target, marker, commentBody(outcome, marker, linkBase));
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
  }
  core.setOutput("sarif-file", sarifFile ?? "");
}
