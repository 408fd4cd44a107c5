// --output and the text format (issue 18, problem 7): links and special files are written through, never replaced;
// control characters and bidirectional overrides in paths and messages are escaped in text output.
import { existsSync, lstatSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutput } from "../packages/cli/src/output.js";
import { mergegate } from "./support/cli.js";
import { writeRepo } from "./support/temp-repo.js";

const badName = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n";

describe("--output", () => {
  it("writes through a symbolic link, keeping the link", () => {
    const repo = writeRepo({ "cm.yaml": badName, "reports/.keep": "" });
    try {
      const target = path.join(repo.root, "reports/real.json");
      const link = path.join(repo.root, "reports/link.json");
      symlinkSync(target, link);
      expect(mergegate(["check", repo.root, "--offline", "--format", "json", "--output", link]).code).toBe(1);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ version: 1 });
    } finally {
      repo.remove();
    }
  });

  it("reports a device that cannot take the output as a gate error", () => {
    if (!existsSync("/dev/full")) return;
    const repo = writeRepo({ "cm.yaml": badName });
    try {
      const run = mergegate(["check", repo.root, "--offline", "--output", "/dev/full"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/\/dev\/full: cannot write output/);
      expect(lstatSync("/dev/full").isCharacterDevice()).toBe(true);
    } finally {
      repo.remove();
    }
  });
});

describe("writeOutput", () => {
  it("writes a report larger than one piece byte for byte, a character split across pieces kept whole", () => {
    const folder = writeRepo({});
    try {
      // the pieces are 1 Mi characters: an emoji (two UTF-16 units) straddles the first boundary
      const text = `${"a".repeat((1 << 20) - 1)}😀${"é".repeat(1 << 20)}✔\n`;
      const file = path.join(folder.root, "report.txt");
      writeOutput(text, file);
      // compared as bytes, not through the matcher (which walks a buffer one element at a time)
      expect(readFileSync(file).equals(Buffer.from(text, "utf8"))).toBe(true);
    } finally {
      folder.remove();
    }
  });
});

describe("text output escapes what a terminal or a CI log would interpret", () => {
  it("a newline and a bidi override in a file name", () => {
    const repo = writeRepo({ "x\n::error file=forged.yaml::forged\u202e.yaml": badName });
    try {
      const run = mergegate(["check", repo.root, "--offline"]);
      expect(run.stdout.split("\n").some((line) => line.startsWith("::error"))).toBe(false);
      expect(run.stdout).toContain("x\\n::error file=forged.yaml::forged\\u202e.yaml");
      expect(run.stdout).not.toContain("\u202e");
    } finally {
      rmSync(repo.root, { recursive: true, force: true });
    }
  });
});
