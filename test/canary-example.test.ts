// The example's promotion-order problem: a copy of examples/acme-gitops in a git repo, and a change that ships a web
// version to prod that staging does not run.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergegate } from "./support/cli.js";
import { gitRepo } from "./support/git-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

interface JsonFinding {
  rule: string;
  severity: string;
  env: string | null;
  location: { file: string; line: number } | null;
}

/** Promotion findings of `check --base main` after a commit that sets prod's web tag. */
function promotionFindings(prodWebTag: string): string[] {
  const repo = gitRepo({});
  try {
    cpSync(path.join(projectRoot, "examples/acme-gitops"), repo.root, { recursive: true });
    repo.commit("the example as released");
    repo.git("checkout", "-q", "-b", "release-web");
    const kustomization = path.join(repo.root, "overlays/prod/kustomization.yaml");
    const text = readFileSync(kustomization, "utf8");
    expect(text).toContain("name: ghcr.io/acme/web\n    newTag: 1.8.2\n");
    writeFileSync(kustomization, text.replace("name: ghcr.io/acme/web\n    newTag: 1.8.2\n", `name: ghcr.io/acme/web\n    newTag: ${prodWebTag}\n`));
    repo.commit(`prod: web ${prodWebTag}`);
    const run = mergegate(["check", repo.root, "--base", "main", "--format", "json"]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    return report.findings
      .filter((finding) => finding.rule.startsWith("canary/promotion-"))
      .map((finding) => `${finding.env ?? "-"} ${finding.rule} ${finding.severity} ${finding.location?.file ?? ""}:${finding.location?.line ?? 0}`);
  } finally {
    repo.remove();
  }
}

describe.runIf(hasTool("git") && hasTool("kubectl"))("examples/acme-gitops promotion order", () => {
  it("reports web 1.10.0 in prod, which staging (1.9.0) does not run, at prod's images: entry", () => {
    expect(promotionFindings("1.10.0")).toEqual(["prod canary/promotion-order error overlays/prod/kustomization.yaml:20"]);
  });

  it("accepts promoting staging's web 1.9.0 to prod", () => {
    expect(promotionFindings("1.9.0")).toEqual([]);
  });
});
