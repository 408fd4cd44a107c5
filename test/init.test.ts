// `mergegate init`: scaffolds mergegate.yaml from the detected environments, the pre-commit config and the workflow.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { mergegate } from "./support/cli.js";
import { gitRepo } from "./support/git-repo.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  mode: fast\n`;
const scaffolded = ["mergegate.yaml", ".pre-commit-config.yaml", ".github/workflows/mergegate.yml"];

let repo: TempRepo | null = null;
afterEach(() => repo?.remove());

function read(file: string): string {
  return readFileSync(path.join(repo?.root ?? "", file), "utf8");
}

describe("mergegate init", () => {
  it.runIf(hasTool("kubectl"))("keeps environments followed from Flux detected instead of flattening them into paths", () => {
    const flux = (name: string, folder: string): string =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ./${folder}\n  targetNamespace: shop\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
    repo = writeRepo({
      "clusters/prod/flux-system/gotk-components.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n",
      "clusters/prod/apps.yaml": flux("apps", "apps"),
      "apps/kustomization.yaml": "resources: [settings.yaml]\n",
      "apps/settings.yaml": configMap("settings"),
    });
    expect(mergegate(["init", repo.root])).toMatchObject({ code: 0, stderr: "" });
    expect(parse(read("mergegate.yaml"))).toEqual({ version: 1 });
    expect(read("mergegate.yaml")).toContain("#   prod (clusters/prod)");
    const check = mergegate(["check", repo.root, "--offline", "--format", "json"]);
    expect((JSON.parse(check.stdout) as { environments: { name: string }[] }).environments.map((env) => env.name)).toEqual(["prod"]);
  });

  it.runIf(hasTool("kubectl"))("writes mergegate.yaml from the detected overlays, and `check` accepts it", () => {
    repo = writeRepo({
      "base/settings.yaml": configMap("settings"),
      "base/kustomization.yaml": "resources: [settings.yaml]\n",
      "overlays/dev/kustomization.yaml": "resources: [../../base]\n",
      "overlays/prod/kustomization.yaml": "resources: [../../base]\nnamePrefix: prod-\n",
      "overlays/prod/notes.txt": "the prod overlay\n",
    });
    const run = mergegate(["init", repo.root]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n").slice(0, 4)).toEqual([...scaffolded.map((file) => `written ${file}`), "environments: dev, prod"]);

    expect(parse(read("mergegate.yaml"))).toEqual({
      version: 1,
      environments: {
        dev: { path: "overlays/dev", renderer: "kustomize", failOn: "error" },
        prod: { path: "overlays/prod", renderer: "kustomize", failOn: "error", progressive: true },
      },
    });
    const check = mergegate(["check", repo.root, "--format", "json"]);
    expect(check).toMatchObject({ code: 0, stderr: "" });
    const report = JSON.parse(check.stdout) as { environments: { name: string; path: string }[]; findings: { rule: string; resource: { name: string } | null }[] };
    expect(report.environments.map((env) => [env.name, env.path])).toEqual([["dev", "overlays/dev"], ["prod", "overlays/prod"]]);
    expect(report.findings.filter((finding) => finding.rule.startsWith("render/"))).toEqual([]);
  });

  it("writes a workflow fit for a required check and a pre-commit config pinned to this release", () => {
    repo = writeRepo({ "apps/settings.yaml": configMap("settings") });
    expect(mergegate(["init", repo.root, "--owner", "acme-platform"]).code).toBe(0);

    const workflow = parse(read(".github/workflows/mergegate.yml")) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { name: string; steps: { uses?: string; with?: Record<string, unknown>; if?: string }[] }>;
    };
    expect(Object.keys(workflow.on)).toContain("pull_request");
    expect(JSON.stringify(workflow.on)).not.toMatch(/paths/);
    const job = workflow.jobs["mergegate"];
    expect(job?.name).toBe("mergegate");
    const uses = (job?.steps ?? []).map((step) => step.uses);
    expect(uses).toEqual(["actions/checkout@v4", "acme-platform/mergegate/packages/action@v0.1.0", "github/codeql-action/upload-sarif@v3"]);
    expect(job?.steps[0]?.with).toEqual({ "fetch-depth": 0 });
    expect(job?.steps[2]?.if).toMatch(/^always\(\)/);
    expect(job?.steps[2]?.with?.["sarif_file"]).toBe("${{ steps.gate.outputs.sarif-file }}");
    expect(workflow.permissions["security-events"]).toBe("write");

    expect(parse(read(".pre-commit-config.yaml"))).toEqual({
      repos: [{ repo: "https://github.com/acme-platform/mergegate", rev: "v0.1.0", hooks: [{ id: "mergegate" }] }],
    });
    // one release reference: the Action and the hook name the same tag, the one of this version
    expect(uses[1]?.split("@")[1]).toBe(`v${mergegate(["--version"]).stdout.trim()}`);
  });

  it("names one plain environment when nothing is detected, with a placeholder owner until one is given", () => {
    repo = writeRepo({ "settings.yaml": configMap("settings") });
    const run = mergegate(["init", repo.root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("environments: default\n");
    expect(run.stdout).toContain("replace <owner> in the generated files");
    expect(parse(read("mergegate.yaml"))).toEqual({ version: 1, environments: { default: { path: ".", renderer: "plain", failOn: "error" } } });
    expect(read(".github/workflows/mergegate.yml")).toContain("uses: <owner>/mergegate/packages/action@v0.1.0");
    expect(mergegate(["check", repo.root]).code).toBe(0);
  });

  it.runIf(hasTool("git"))("in a subfolder of a git repository, writes the workflow and the pre-commit config at the top-level, aimed at it", () => {
    const git = gitRepo({ "deploy/apps/settings.yaml": configMap("settings"), "src/main.go": "package main\n" });
    repo = git;
    const run = mergegate(["init", path.join(git.root, "deploy"), "--owner", "acme-platform"]);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual(["written deploy/mergegate.yaml", "written .pre-commit-config.yaml", "written .github/workflows/mergegate.yml"]);
    const workflow = parse(read(".github/workflows/mergegate.yml")) as { jobs: Record<string, { steps: { id?: string; with?: Record<string, unknown> }[] }> };
    expect(workflow.jobs["mergegate"]?.steps.find((step) => step.id === "gate")?.with).toEqual({ path: "deploy" });
    expect(parse(read(".pre-commit-config.yaml"))).toMatchObject({ repos: [{ hooks: [{ id: "mergegate", args: ["deploy"], files: "^deploy/" }] }] });
    expect(parse(read("deploy/mergegate.yaml"))).toMatchObject({ environments: { default: { path: "." } } });
  });

  it("skips files that exist and says so; --force overwrites them", () => {
    repo = writeRepo({ "apps/settings.yaml": configMap("settings"), "mergegate.yaml": "version: 1\nexclude: [docs/**]\n" });
    const first = mergegate(["init", repo.root]);
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n").slice(0, 3)).toEqual([
      "skipped mergegate.yaml (it exists; --force overwrites it)",
      "written .pre-commit-config.yaml",
      "written .github/workflows/mergegate.yml",
    ]);
    expect(read("mergegate.yaml")).toBe("version: 1\nexclude: [docs/**]\n");

    writeFileSync(path.join(repo.root, ".pre-commit-config.yaml"), "repos: []\n");
    expect(mergegate(["init", repo.root]).stdout.split("\n").slice(0, 3)).toEqual(scaffolded.map((file) => `skipped ${file} (it exists; --force overwrites it)`));
    expect(read(".pre-commit-config.yaml")).toBe("repos: []\n");

    const forced = mergegate(["init", repo.root, "--force"]);
    expect(forced.stdout.split("\n").slice(0, 3)).toEqual(scaffolded.map((file) => `overwritten ${file}`));
    expect(read(".pre-commit-config.yaml")).toContain("id: mergegate");
    expect(parse(read("mergegate.yaml"))).toMatchObject({ environments: { default: { path: "." } } });
  });

  it("is a gate error for a missing folder", () => {
    repo = writeRepo({});
    const missing = path.join(repo.root, "nowhere");
    expect(mergegate(["init", missing])).toMatchObject({ code: 2, stderr: `mergegate: ${missing}: no such directory\n` });
  });
});
