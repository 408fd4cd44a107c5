// The Action's inputs (action.yml) from the runner's INPUT_* variables, checked: a bad value is a gate error.
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { GateError, type FailOn } from "@mergegate/core";

export interface ActionInputs {
  /** The repository folder to check. */
  path: string;
  /** The base to diff against; null: the pull request's base commit, else no base. */
  baseRef: string | null;
  /** Only these environments; all when empty. */
  environments: string[];
  failOn: FailOn | null;
  /** null: false (new-only is the default way to judge a change). */
  changedOnly: boolean | null;
  /** null: true when the event has a base (pull_request, pull_request_target, merge_group), else false. */
  newOnly: boolean | null;
  comment: boolean;
  /** Where to write the SARIF report. */
  sarifFile: string;
  config: string | null;
  githubToken: string;
  /** Environment variables opa.runtime() may show to policies (never from a file of the repository). */
  policyEnv: string[];
}

const failOnLevels: readonly FailOn[] = ["error", "warning", "info", "never"];

export function readInputs(): ActionInputs {
  const failOn = core.getInput("fail-on");
  if (failOn !== "" && !failOnLevels.includes(failOn as FailOn)) {
    throw new GateError(`input fail-on: "${failOn}" is not one of ${failOnLevels.join(", ")}`);
  }
  const changedOnly = core.getInput("changed-only");
  const newOnly = core.getInput("new-only");
  return {
    path: core.getInput("path") || ".",
    baseRef: core.getInput("base-ref") || null,
    environments: core
      .getInput("environments")
      .split(/[\s,]+/)
      .filter((name) => name !== ""),
    failOn: failOn === "" ? null : (failOn as FailOn),
    changedOnly: changedOnly === "" ? null : booleanInput("changed-only", changedOnly),
    newOnly: newOnly === "" ? null : booleanInput("new-only", newOnly),
    comment: booleanInput("comment", core.getInput("comment") || "true"),
    sarifFile: core.getInput("sarif-file") || path.join(process.env["RUNNER_TEMP"] ?? os.tmpdir(), "mergegate.sarif"),
    config: core.getInput("config") || null,
    githubToken: core.getInput("github-token"),
    policyEnv: core
      .getInput("policy-env")
      .split(/[\s,]+/)
      .filter((name) => name !== ""),
  };
}

/** YAML 1.2 core schema booleans, as @actions/core accepts them. */
function booleanInput(name: string, value: string): boolean {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new GateError(`input ${name}: "${value}" is not a boolean (true or false)`);
}
