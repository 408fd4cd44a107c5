// The review app rendered with ink-testing-library over the real gate: navigation, filters, waiving, the editor, non-TTY.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { appendWaiver, runGate } from "@mergegate/core";
import { ReviewApp } from "../src/tui/App.js";
import { gitRepo, type GitRepo } from "../../../test/support/git-repo.js";
import { mergegate } from "../../../test/support/cli.js";
import { hasTool } from "../../../test/support/tools.js";

const files = {
  "mergegate.yaml": "version: 1\nrules:\n  schema/no-source: { severity: off }\n",
  "apps/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: shop\ndata:\n  mode: fast\n",
  "apps/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\n  namespace: shop\ndata:\n  size: small\n  size: large\n",
};
const keys = { down: "\u001b[B", up: "\u001b[A", left: "\u001b[D", enter: "\r", backspace: "\u007f", tab: "\t" };

let repo: GitRepo | null = null;
let app: ReturnType<typeof render> | null = null;
afterEach(() => {
  app?.unmount();
  app?.cleanup();
  repo?.remove();
  app = null;
  repo = null;
});

function start(editor?: string): { repo: GitRepo; app: ReturnType<typeof render> } {
  repo = gitRepo(files);
  repo.git("config", "user.email", "reviewer@acme.example");
  const root = repo.root;
  app = render(<ReviewApp title="shop" run={() => runGate({ repo: root })} waive={(waiver) => appendWaiver({ repo: root, waiver })} editor={editor} />);
  return { repo, app };
}

async function waitFor(app: ReturnType<typeof render>, predicate: (frame: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const frame = app.lastFrame() ?? "";
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function type(app: ReturnType<typeof render>, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    app.stdin.write(input);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const loaded = (frame: string): boolean => frame.includes("✖ FAIL");

describe.runIf(hasTool("git"))("mergegate review (ink app)", () => {
  it("shows a spinner, then the verdict and the tree; moving shows the finding, its source and its rule's docs", async () => {
    const { app } = start();
    expect(app.lastFrame()).toContain("running the gate…");
    const first = await waitFor(app, loaded, "the verdict");
    expect(first).toContain("2 errors, 0 warnings, 0 info, 0 suppressed");
    expect(first).toContain("default ✖ 1E 0W 0I");
    // the duplicate key is a file-level error that fails the verdict on its own: an entry of its own
    expect(first).toContain("files ✖ 1E 0W 0I");
    expect(first).toMatch(/▾ files \(every environment\)\s+1E/);
    await type(app, "j", keys.down);
    const detail = await waitFor(app, (frame) => frame.includes("ERROR  yaml/duplicate-key"), "the finding's detail");
    expect(detail).toContain('duplicate key "size" in this mapping');
    expect(detail).toContain("apps/web.yaml:8:3");
    expect(detail).toContain("> 8 │   size: large");
    await type(app, keys.tab);
    for (let count = 0; count < 12; count++) await type(app, "j");
    expect(await waitFor(app, (frame) => frame.includes("yaml/duplicate-key  (default severity: error)"), "the rule's docs")).toContain("Rule");
    // ← leaves the detail pane, goes from the finding to its group, then collapses the group
    await type(app, keys.left, keys.left, keys.left);
    const collapsed = await waitFor(app, (frame) => frame.includes("▸ apps/web.yaml"), "the collapsed group");
    expect(collapsed).not.toContain("E yaml/duplicate-key");
    await type(app, "g");
    const byRule = await waitFor(app, (frame) => frame.includes("group: rule"), "grouping by rule");
    expect(byRule).toMatch(/▾ k8s\/invalid-name\s+1E/);
    expect(byRule).toContain("default · ConfigMap shop/Bad_Name");
  });

  it("filters by text and by severity", async () => {
    const { app } = start();
    await waitFor(app, loaded, "the verdict");
    await type(app, "/", "bad_n");
    expect(await waitFor(app, (frame) => frame.includes('filter: bad_n▏'), "the filter prompt")).toContain('filter "bad_n"');
    await type(app, keys.enter);
    const filtered = await waitFor(app, (frame) => frame.includes("3 rows"), "the filtered list");
    expect(filtered).toContain("ConfigMap shop/Bad_Name");
    expect(filtered).not.toContain("apps/web.yaml");
    await type(app, "/", keys.backspace, keys.backspace, keys.backspace, keys.backspace, keys.backspace, keys.enter, "s", "s");
    const errors = await waitFor(app, (frame) => frame.includes("severity: errors"), "the severity filter");
    expect(errors).toContain("6 rows");
    await type(app, "s");
    expect(await waitFor(app, (frame) => frame.includes("severity: all"), "the severity filter back at all")).toContain("6 rows");
  });

  it("waives the selected finding through appendWaiver, then re-runs and shows it suppressed", async () => {
    const { app, repo } = start();
    await waitFor(app, loaded, "the verdict");
    await type(app, "/", "Bad_Name", keys.enter, "j", "j", "w");
    const expected = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await type(app, "kept for the legacy client");
    expect(await waitFor(app, (frame) => frame.includes("reason: kept for the legacy client▏"), "the reason prompt")).toContain("waive k8s/invalid-name");
    await type(app, keys.enter);
    await waitFor(app, (frame) => frame.includes(`expires (YYYY-MM-DD): ${expected}  (type to replace, enter keeps)`), "the expiry prompt with its proposed default");
    // the proposal is selected: typing replaces it instead of appending to it
    await type(app, "2099-13-01", keys.enter);
    await waitFor(app, (frame) => frame.includes("the expiry must be a date YYYY-MM-DD"), "the date error");
    await type(app, ...Array.from({ length: 5 }, () => keys.backspace), "12-31", keys.enter);
    const after = await waitFor(app, (frame) => frame.includes("1 suppressed") && frame.includes("waiver for k8s/invalid-name written to .mergegate/waivers.yaml"), "the re-run after the waiver");
    expect(after).toContain("1 error, 0 warnings, 0 info, 1 suppressed");
    expect(after).toContain("~ k8s/invalid-name");
    expect(after).toContain("suppressed (waiver, owner reviewer@acme.example, until 2099-12-31): kept for the legacy client");
    const waivers = readFileSync(path.join(repo.root, ".mergegate/waivers.yaml"), "utf8");
    expect(waivers).toContain(
      "- rule: k8s/invalid-name\n  env: default\n  resource:\n    kind: ConfigMap\n    namespace: shop\n    name: Bad_Name\n  reason: kept for the legacy client\n  expires: 2099-12-31\n  owner: reviewer@acme.example\n",
    );
    expect(waivers.match(/- rule:/g)).toHaveLength(1);
  });

  it("shows a gate error, and r runs the gate again after the fix", async () => {
    const { app, repo } = start();
    await waitFor(app, loaded, "the verdict");
    writeFileSync(path.join(repo.root, "mergegate.yaml"), "version: 1\nrules: [oops]\n");
    await type(app, "r");
    const failed = await waitFor(app, (frame) => frame.includes("✖ GATE ERROR"), "the gate error");
    expect(failed).toMatch(/│gate error: \S*mergegate\.yaml:2: invalid config: rules: must be/);
    expect(failed).toContain("the gate could not run: fix the problem and press r");
    writeFileSync(path.join(repo.root, "mergegate.yaml"), files["mergegate.yaml"]);
    await type(app, "r");
    expect(await waitFor(app, loaded, "the verdict again")).toContain("2 errors, 0 warnings, 0 info, 0 suppressed");
  });

  it("o opens $EDITOR with +LINE FILE", async () => {
    repo = gitRepo({});
    const record = path.join(repo.root, "editor-args");
    const editor = path.join(repo.root, "fake-editor.sh");
    writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
    chmodSync(editor, 0o755);
    const started = start(`${editor} --wait`);
    const { app } = started;
    await waitFor(app, loaded, "the verdict");
    await type(app, "/", "Bad_Name", keys.enter, "j", "j", "o");
    await waitFor(app, (frame) => frame.includes("back from fake-editor.sh"), "the return from the editor");
    expect(readFileSync(record, "utf8")).toBe(`--wait\n+4\n${path.join(started.repo.root, "apps/cm.yaml")}\n`);
  });
});

describe("mergegate review without a terminal", () => {
  it("exits 2 and points to mergegate check", () => {
    const run = mergegate(["review", "."]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("mergegate: review needs an interactive terminal (stdin and stdout are not both a TTY); in scripts and CI run `mergegate check`\n");
  });
});
