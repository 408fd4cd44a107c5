// Config errors (issue 18, problems 5 and 7): every one is exit 2 with file:line and one line, no stack trace —
// an invalid allowlist regex, an alias bomb, a file over the size budget.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { writeRepo } from "./support/temp-repo.js";

function checkWith(config: string | ((root: string) => void)): { code: number | null; stderr: string } {
  const repo = writeRepo({ "apps/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", ...(typeof config === "string" ? { "mergegate.yaml": config } : {}) });
  try {
    if (typeof config === "function") config(repo.root);
    const run = mergegate(["check", repo.root, "--offline"], { cwd: repo.root });
    return { code: run.code, stderr: run.stderr };
  } finally {
    repo.remove();
  }
}

const oneLine = (stderr: string): void => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
};

describe("config errors name the file and line", () => {
  it("an allowlist regex that is not RE2", () => {
    const run = checkWith("version: 1\nsecrets:\n  allowlist:\n    regexes:\n    - ok-[0-9]+\n    - (unclosed\n");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mergegate: mergegate\.yaml:6: invalid config: secrets\.allowlist\.regexes\.1: not an RE2 regular expression/);
    oneLine(run.stderr);
  });

  it("an alias bomb", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10).fill(`*${String.fromCharCode(97 + index)}`).join(", ")}]`)];
    const run = checkWith(`version: 1\nexclude: []\n${levels.map((line) => `# ${line}`).join("\n")}\nx-bomb:\n  ${levels.join("\n  ")}\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mergegate: mergegate\.yaml:14: invalid YAML: /);
    oneLine(run.stderr);
  });

  it("a file over the size budget", () => {
    const run = checkWith((root) => writeFileSync(path.join(root, "mergegate.yaml"), `version: 1\nexclude:\n${"- docs/**\n".repeat(200_000)}`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mergegate: mergegate\.yaml:1: config file is \d+ bytes, over the limit of 1048576/);
    oneLine(run.stderr);
  });
});
