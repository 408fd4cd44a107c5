// Runs the bundled Action (packages/action/dist/index.js) as the runner does: INPUT_* from action.yml's defaults
// plus the step's `with:`, the event payload in GITHUB_EVENT_PATH, and fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { projectRoot } from "./tools.js";

export const actionDir = path.join(projectRoot, "packages/action");

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The step's outputs, parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the step appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** The SARIF report at the `sarif-file` output, read before the runner's temporary folder is removed. */
  sarif: string | null;
}

export interface ActionStep {
  /** The workspace: the checked-out repository. */
  cwd: string;
  event: "pull_request" | "pull_request_target" | "merge_group" | "push" | "workflow_dispatch";
  payload: object;
  /** The step's `with:`; `github-token` stands for `${{ github.token }}`. */
  inputs: Record<string, string>;
  /** GITHUB_API_URL: the fake GitHub server. */
  apiUrl: string;
  /** GITHUB_SHA. */
  sha: string;
  /** The bundle to run; default the committed one. */
  script?: string;
}

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

/** Inputs the runner sets when `with:` leaves them out: action.yml's defaults, except expressions. */
function defaultInputs(): Record<string, string> {
  const metadata = parse(readFileSync(path.join(actionDir, "action.yml"), "utf8")) as ActionYaml;
  return Object.fromEntries(
    Object.entries(metadata.inputs)
      .filter(([, input]) => input.default !== undefined && !input.default.includes("${{"))
      .map(([name, input]) => [name, input.default ?? ""]),
  );
}

/** Environment variables of a real job are left out, so the run sees only this step's. */
function hostEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(name)));
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1] ?? ""] = match[3] ?? "";
  return outputs;
}

export async function runAction(step: ActionStep): Promise<ActionRun> {
  const files = mkdtempSync(path.join(os.tmpdir(), "mergegate-action-"));
  try {
    const eventPath = path.join(files, "event.json");
    const outputPath = path.join(files, "output");
    const summaryPath = path.join(files, "summary.md");
    writeFileSync(eventPath, JSON.stringify(step.payload));
    writeFileSync(outputPath, "");
    writeFileSync(summaryPath, "");
    const inputs = { ...defaultInputs(), ...step.inputs };
    const env: NodeJS.ProcessEnv = {
      ...hostEnv(),
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value])),
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: step.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: "acme/gitops",
      GITHUB_SHA: step.sha,
      GITHUB_WORKSPACE: step.cwd,
      GITHUB_API_URL: step.apiUrl,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      RUNNER_TEMP: files,
    };
    const child = spawn(process.execPath, [step.script ?? path.join(actionDir, "dist/index.js")], { cwd: step.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 120_000);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode) => resolve(exitCode));
    });
    clearTimeout(timer);
    const outputs = parseOutputs(readFileSync(outputPath, "utf8"));
    const sarifFile = outputs["sarif-file"] ?? "";
    const sarif = sarifFile !== "" && existsSync(sarifFile) ? readFileSync(sarifFile, "utf8") : null;
    return { code, stdout, stderr, outputs, summary: readFileSync(summaryPath, "utf8"), sarif };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}
