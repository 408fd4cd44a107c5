// End to end: the real `mergegate review` in a tmux pane at 80×24 on a copy of the example — navigate, waive, resize, quit.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binPath } from "./support/cli.js";
import { hasTool, projectRoot } from "./support/tools.js";

const tools = [hasTool("tmux"), hasTool("kubectl")].every(Boolean);
const socket = `mergegate-review-${process.pid}`;
const session = "review";
const example = path.join(projectRoot, "examples/acme-gitops");

const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = (): string => tmux("capture-pane", "-p", "-t", session);
const sessionAlive = (): boolean => spawnSync("tmux", ["-L", socket, "has-session", "-t", session], { stdio: "ignore" }).status === 0;

async function waitForScreen(predicate: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = sessionAlive() ? screen() : "(the session ended)";
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The header's counts. */
function counts(text: string): { error: number; warning: number; info: number; suppressed: number } {
  const match = /✖ FAIL {2}(\d+) errors?, (\d+) warnings?, (\d+) info, (\d+) suppressed/.exec(text);
  if (match === null) throw new Error(`no verdict in the header:\n${text}`);
  return { error: Number(match[1]), warning: Number(match[2]), info: Number(match[3]), suppressed: Number(match[4]) };
}

describe.runIf(tools)("mergegate review in tmux", () => {
  let temp = "";
  let repo = "";
  const exampleWaivers = readFileSync(path.join(example, ".mergegate/waivers.yaml"), "utf8");

  beforeAll(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), "mergegate-review-tmux-"));
    repo = path.join(temp, "acme-gitops");
    cpSync(example, repo, { recursive: true });
    writeFileSync(path.join(temp, "gitconfig"), "[user]\n\temail = reviewer@acme.example\n");
    // CI=true as a CI job's shell has it: the review still draws on a terminal
    const environment = `CI=true TERM=xterm-256color GIT_CONFIG_GLOBAL='${temp}/gitconfig' GIT_CONFIG_NOSYSTEM=1`;
    const command = `env ${environment} '${process.execPath}' '${binPath}' review '${repo}'; echo $? > '${temp}/exit-code'`;
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
  });

  afterAll(() => {
    spawnSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
    if (temp !== "") rmSync(temp, { recursive: true, force: true });
  });

  it("shows the verdict, navigates to a finding, waives it, follows a resize and quits", async () => {
    const first = await waitForScreen((text) => text.includes("✖ FAIL"), "the verdict");
    const before = counts(first);
    expect(first.split("\n")[0]).toMatch(/^review acme-gitops {2}✖ FAIL/);
    expect(first).toMatch(/staging ✖ \d+E/);
    expect(first).toContain("group: environment · severity: all");
    expect(first.split("\n").every((line) => line.length <= 80)).toBe(true);
    // the key hints fit 80 columns and keep the way to the help and out
    expect(first).toMatch(/w waive .*\? help  q quit/);

    tmux("send-keys", "-t", session, "/");
    tmux("send-keys", "-t", session, "-l", "api_feature_flags");
    tmux("send-keys", "-t", session, "Enter");
    await waitForScreen((text) => text.includes('filter "api_feature_flags" · 3 rows'), "the filtered list");
    tmux("send-keys", "-t", session, "j");
    tmux("send-keys", "-t", session, "Down");
    const detail = await waitForScreen((text) => text.includes("ERROR  k8s/invalid-name  [staging]"), "the finding's detail");
    expect(detail).toContain("│overlays/staging/feature-flags.yaml:5:3 · ConfigMap acme-staging/api_feature_");
    expect(detail).toContain("> 5 │   name: api_feature_flags");

    tmux("send-keys", "-t", session, "w");
    tmux("send-keys", "-t", session, "-l", "legacy client reads this name until ACME-400");
    tmux("send-keys", "-t", session, "Enter");
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await waitForScreen((text) => text.includes(`waive k8s/invalid-name: expires (YYYY-MM-DD): ${expiry}`), "the expiry prompt");
    tmux("send-keys", "-t", session, "Enter");
    const waived = await waitForScreen((text) => text.includes("waiver for k8s/invalid-name written to .mergegate/waivers.yaml") && !text.includes("running the gate"), "the re-run after the waiver");
    expect(counts(waived)).toEqual({ ...before, error: before.error - 1, suppressed: before.suppressed + 1 });
    expect(waived).toContain("~ k8s/invalid-name");
    expect(waived).toContain(`suppressed (waiver, owner reviewer@acme.example, until ${expiry}): legacy`);
    expect(readFileSync(path.join(repo, ".mergegate/waivers.yaml"), "utf8")).toBe(
      `${exampleWaivers}- rule: k8s/invalid-name\n  env: staging\n  resource:\n    kind: ConfigMap\n    namespace: acme-staging\n    name: api_feature_flags\n  reason: legacy client reads this name until ACME-400\n  expires: ${expiry}\n  owner: reviewer@acme.example\n`,
    );
    expect(readFileSync(path.join(example, ".mergegate/waivers.yaml"), "utf8")).toBe(exampleWaivers);

    tmux("resize-window", "-t", session, "-x", "100", "-y", "30");
    const wide = await waitForScreen((text) => text.split("\n").some((line) => line === `┌${"─".repeat(98)}┐`), "the redraw at 100×30");
    expect(wide.split("\n")[0]).toMatch(/^review acme-gitops {2}✖ FAIL/);

    tmux("send-keys", "-t", session, "q");
    await waitForScreen(() => !sessionAlive(), "the session to end", 10_000);
    expect(existsSync(path.join(temp, "exit-code"))).toBe(true);
    expect(readFileSync(path.join(temp, "exit-code"), "utf8").trim()).toBe("0");
  });
});
