// `mergegate diff` and the diff-aware `check`: a real git repo, a base commit and a change on a branch.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { mergegate } from "./support/cli.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

const files = {
  "base/kustomization.yaml": "resources:\n- deployment.yaml\n- service.yaml\n- legacy.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - LOG_LEVEL=info\n",
  "base/deployment.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "      - name: web",
    "        image: nginx:1.0",
    "        envFrom:",
    "        - configMapRef:",
    "            name: settings",
    "",
  ].join("\n"),
  "base/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
  "base/legacy.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\ndata:\n  a: \"1\"\n",
  "overlays/dev/kustomization.yaml": "namespace: shop-dev\nresources:\n- ../../base\n",
  "overlays/prod/kustomization.yaml": "namespace: shop-prod\nresources:\n- ../../base\nimages:\n- name: nginx\n  newTag: \"1.0\"\n",
};

/** The generated ConfigMap's name, as kustomize itself renders it. */
function generatedName(repo: GitRepo, overlay: string): string {
  const output = execFileSync("kubectl", ["kustomize", path.join(repo.root, overlay)], { encoding: "utf8" });
  const names = parseAllDocuments(output)
    .map((document) => document.toJS() as { metadata: { name: string } })
    .map((object) => object.metadata.name);
  const name = names.find((candidate) => candidate.startsWith("settings-"));
  if (name === undefined) throw new Error("no generated ConfigMap");
  return name;
}

const ref = (apiVersion: string, kind: string, namespace: string, name: string): object => ({ apiVersion, kind, namespace, name });

describe.runIf(hasTool("git") && hasTool("kubectl"))("mergegate diff", () => {
  let repo: GitRepo;
  let baseNames: { dev: string; prod: string };
  beforeEach(() => {
    repo = gitRepo(files);
    repo.commit("base");
    baseNames = { dev: generatedName(repo, "overlays/dev"), prod: generatedName(repo, "overlays/prod") };
    repo.git("checkout", "-q", "-b", "change");
    repo.write({
      "overlays/prod/kustomization.yaml": "namespace: shop-prod\nresources:\n- ../../base\n- flags.yaml\nimages:\n- name: nginx\n  newTag: \"1.1\"\n",
      "overlays/prod/flags.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  checkout: \"on\"\n",
      "base/kustomization.yaml": files["base/kustomization.yaml"].replace("- legacy.yaml\n", "").replace("LOG_LEVEL=info", "LOG_LEVEL=debug"),
    });
    rmSync(path.join(repo.root, "base/legacy.yaml"));
    repo.commit("change");
  });
  afterEach(() => repo.remove());

  it("reports added, removed and changed objects with field changes and hash-suffix renames, as JSON", () => {
    const run = mergegate(["diff", repo.root, "--base", "main", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const head = { dev: generatedName(repo, "overlays/dev"), prod: generatedName(repo, "overlays/prod") };
    const commits = { base: repo.git("rev-parse", "main").trim(), head: repo.git("rev-parse", "HEAD").trim() };
    const renamed = (env: "dev" | "prod") => ({
      ref: ref("v1", "ConfigMap", `shop-${env}`, head[env]),
      previousName: baseNames[env],
      changes: [
        { path: "/data/LOG_LEVEL", before: "info", after: "debug" },
        { path: "/metadata/name", before: baseNames[env], after: head[env] },
      ],
    });
    const settingsRef = (env: "dev" | "prod") => ({
      path: "/spec/template/spec/containers/0/envFrom/0/configMapRef/name",
      key: { name: "web" },
      before: baseNames[env],
      after: head[env],
    });
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      base: { ref: "main", commit: commits.base },
      head: { ref: "WORKTREE", commit: commits.head },
      environments: [
        {
          env: "dev",
          added: [],
          removed: [ref("v1", "ConfigMap", "shop-dev", "legacy")],
          changed: [renamed("dev"), { ref: ref("apps/v1", "Deployment", "shop-dev", "web"), previousName: null, changes: [settingsRef("dev")] }],
        },
        {
          env: "prod",
          added: [ref("v1", "ConfigMap", "shop-prod", "flags")],
          removed: [ref("v1", "ConfigMap", "shop-prod", "legacy")],
          changed: [
            renamed("prod"),
            {
              ref: ref("apps/v1", "Deployment", "shop-prod", "web"),
              previousName: null,
              changes: [settingsRef("prod"), { path: "/spec/template/spec/containers/0/image", key: { name: "web" }, before: "nginx:1.0", after: "nginx:1.1" }],
            },
          ],
        },
      ],
    });
  });

  it("renders the same diff as markdown, each changed object with its unified YAML diff", () => {
    const run = mergegate(["diff", repo.root, "--base", "main", "--env", "prod", "--format", "markdown"]);
    const head = generatedName(repo, "overlays/prod");
    const commits = { base: repo.git("rev-parse", "main").trim().slice(0, 12), head: repo.git("rev-parse", "HEAD").trim().slice(0, 12) };
    expect(run.stdout).toBe(
      [
        `### mergegate diff: \`main (${commits.base})\` → \`WORKTREE (${commits.head})\``,
        "",
        "| environment | added | removed | changed | by kind |",
        "| --- | ---: | ---: | ---: | --- |",
        "| prod | 1 | 1 | 2 | ConfigMap: 1 added, 1 removed, 1 changed · Deployment: 1 changed |",
        "",
        "<details><summary><b>prod</b>: 1 added, 1 removed, 2 changed</summary>",
        "",
        "- ➕ added `ConfigMap shop-prod/flags`",
        "- ➖ removed `ConfigMap shop-prod/legacy`",
        `- ✏️ changed \`ConfigMap shop-prod/${head}\` (was \`${baseNames.prod}\`)`,
        "",
        "  | field | before | after |",
        "  | --- | --- | --- |",
        '  | `/data/LOG_LEVEL` | `"info"` | `"debug"` |',
        `  | \`/metadata/name\` | \`"${baseNames.prod}"\` | \`"${head}"\` |`,
        "",
        "  ```diff",
        `  --- main  ConfigMap shop-prod/${baseNames.prod}`,
        `  +++ WORKTREE  ConfigMap shop-prod/${head}`,
        "  @@ -1,7 +1,7 @@",
        "   apiVersion: v1",
        "   data:",
        "  -  LOG_LEVEL: info",
        "  +  LOG_LEVEL: debug",
        "   kind: ConfigMap",
        "   metadata:",
        `  -  name: ${baseNames.prod}`,
        `  +  name: ${head}`,
        "     namespace: shop-prod",
        "  ```",
        "",
        "- ✏️ changed `Deployment shop-prod/web`",
        "",
        "  | field | before | after |",
        "  | --- | --- | --- |",
        `  | \`/spec/template/spec/containers/0/envFrom/0/configMapRef/name [name=web]\` | \`"${baseNames.prod}"\` | \`"${head}"\` |`,
        '  | `/spec/template/spec/containers/0/image [name=web]` | `"nginx:1.0"` | `"nginx:1.1"` |',
        "",
        "  ```diff",
        "  --- main  Deployment shop-prod/web",
        "  +++ WORKTREE  Deployment shop-prod/web",
        "  @@ -9,6 +9,6 @@",
        "         containers:",
        "           - envFrom:",
        "               - configMapRef:",
        `  -                name: ${baseNames.prod}`,
        "  -          image: nginx:1.0",
        `  +                name: ${head}`,
        "  +          image: nginx:1.1",
        "             name: web",
        "  ```",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });

  it("shows one env var added at the top of a container's env as one change and its own lines in the text diff", () => {
    const env = Array.from({ length: 8 }, (_, index) => `        - name: VAR_${index}\n          value: "${index}"\n`).join("");
    const withEnv = (extra: string): string => files["base/deployment.yaml"].replace("        envFrom:\n", `        env:\n${extra}${env}        envFrom:\n`);
    repo.write({ "base/deployment.yaml": withEnv("") });
    repo.commit("env");
    repo.write({ "base/deployment.yaml": withEnv('        - name: FEATURE\n          value: "on"\n') });
    const run = mergegate(["diff", repo.root, "--base", "HEAD", "--env", "dev", "--format", "text"]);
    expect(run.code).toBe(0);
    const section = run.stdout.slice(run.stdout.indexOf("  ~ Deployment shop-dev/web"), run.stdout.indexOf("\nsummary"));
    expect(section.split("\n").filter((line) => line.startsWith("      /"))).toEqual(['      /spec/template/spec/containers/0/env/0 [name=FEATURE]: null → {"name":"FEATURE","value":"on"}']);
    expect(section.split("\n").filter((line) => /^ {6}[-+](?![-+])/.test(line))).toEqual(["      +            - name: FEATURE", '      +              value: "on"']);
    expect(section).toContain("      --- HEAD  Deployment shop-dev/web\n      +++ WORKTREE  Deployment shop-dev/web\n      @@ ");
  });

  it("names a base given as a commit id by its first 12 digits in the YAML diff's --- line", () => {
    const commit = repo.git("rev-parse", "main").trim();
    const run = mergegate(["diff", repo.root, "--base", commit, "--env", "prod", "--format", "text"]);
    expect(run.stdout).toContain(`      --- ${commit.slice(0, 12)}  Deployment shop-prod/web\n      +++ WORKTREE  Deployment shop-prod/web\n`);
  });

  it("keys a custom resource's list by the x-kubernetes-list-map-keys of its CRD in the render", () => {
    const crd = [
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata:",
      "  name: pipelines.example.com",
      "spec:",
      "  group: example.com",
      "  names: { kind: Pipeline, plural: pipelines }",
      "  scope: Namespaced",
      "  versions:",
      "  - name: v1",
      "    served: true",
      "    storage: true",
      "    schema:",
      "      openAPIV3Schema:",
      "        type: object",
      "        properties:",
      "          spec:",
      "            type: object",
      "            properties:",
      "              steps:",
      "                type: array",
      "                x-kubernetes-list-type: map",
      "                x-kubernetes-list-map-keys: [id]",
      "                items: { type: object, properties: { id: { type: integer }, name: { type: string } } }",
      "",
    ].join("\n");
    const pipeline = (steps: string): string => `apiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: ci\nspec:\n  steps:\n${steps}`;
    const kustomization = "namespace: shop-dev\nresources:\n- ../../base\n- crd.yaml\n- pipeline.yaml\n";
    repo.write({ "overlays/dev/crd.yaml": crd, "overlays/dev/pipeline.yaml": pipeline("  - { id: 1, name: build }\n"), "overlays/dev/kustomization.yaml": kustomization });
    repo.commit("pipeline");
    repo.write({ "overlays/dev/pipeline.yaml": pipeline("  - { id: 2, name: lint }\n  - { id: 1, name: compile }\n") });
    const run = mergegate(["diff", repo.root, "--base", "HEAD", "--env", "dev", "--format", "json"]);
    const changed = (JSON.parse(run.stdout) as { environments: { changed: { ref: { kind: string }; changes: object[] }[] }[] }).environments[0]?.changed;
    expect(changed?.find((object) => object.ref.kind === "Pipeline")?.changes).toEqual([
      { path: "/spec/steps/0", key: { id: 2 }, before: null, after: { id: 2, name: "lint" } },
      { path: "/spec/steps/1/name", previousPath: "/spec/steps/0/name", key: { id: 1 }, before: "build", after: "compile" },
    ]);
  });

  it("never touches the user's work tree, index, stash or worktree list", () => {
    repo.write({ "overlays/dev/kustomization.yaml": "namespace: shop-qa\nresources:\n- ../../base\n", "notes.txt": "untracked\n" });
    repo.git("add", "overlays/dev/kustomization.yaml");
    repo.write({ "overlays/dev/kustomization.yaml": "namespace: shop-dev2\nresources:\n- ../../base\n" });
    const state = (): string[] => [repo.git("status", "--porcelain=v2"), repo.git("stash", "list"), repo.git("worktree", "list", "--porcelain"), repo.git("diff", "--cached")];
    const before = state();
    for (const args of [["diff", "--base", "main"], ["diff", "--base", "main", "--staged"], ["check", "--base", "main"], ["check", "--staged"]]) {
      const run = mergegate([args[0] ?? "", repo.root, ...args.slice(1)]);
      expect(run.stderr).toBe("");
      expect(state()).toEqual(before);
    }
  });

  it("--staged compares the index, not the work tree", () => {
    repo.write({ "overlays/dev/kustomization.yaml": "namespace: shop-qa\nresources:\n- ../../base\n" });
    repo.git("add", "overlays/dev/kustomization.yaml");
    repo.write({ "overlays/dev/kustomization.yaml": "namespace: shop-work\nresources:\n- ../../base\n" });
    const namespaces = (args: string[]): string[] => {
      const diff = JSON.parse(mergegate(["diff", repo.root, "--base", "HEAD", "--env", "dev", "--format", "json", ...args]).stdout) as {
        environments: { added: { namespace: string }[] }[];
      };
      return [...new Set(diff.environments[0]?.added.map((key) => key.namespace))];
    };
    expect(namespaces(["--staged"])).toEqual(["shop-qa"]);
    expect(namespaces([])).toEqual(["shop-work"]);
  });

  it("check --base attaches the diff counts", () => {
    const run = mergegate(["check", repo.root, "--base", "main", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { diff: unknown };
    expect(report.diff).toEqual({
      base: { ref: "main", commit: repo.git("rev-parse", "main").trim() },
      head: { ref: "WORKTREE", commit: repo.git("rev-parse", "HEAD").trim() },
      environments: [
        { env: "dev", added: 0, removed: 1, changed: 2 },
        { env: "prod", added: 1, removed: 1, changed: 2 },
      ],
    });
  });

  it("an environment that did not exist in the base is all added; a deleted one all removed", () => {
    repo.write({ "overlays/qa/kustomization.yaml": "namespace: shop-qa\nresources:\n- ../../base\n" });
    rmSync(path.join(repo.root, "overlays/dev"), { recursive: true });
    const diff = JSON.parse(mergegate(["diff", repo.root, "--base", "main", "--format", "json"]).stdout) as {
      environments: { env: string; added: unknown[]; removed: unknown[]; changed: unknown[] }[];
    };
    const counts = Object.fromEntries(diff.environments.map((env) => [env.env, [env.added.length, env.removed.length, env.changed.length]]));
    expect(counts).toEqual({ prod: [1, 1, 2], qa: [3, 0, 0], dev: [0, 4, 0] });
  });

  it("redacts Secret values in every diff format", () => {
    repo.write({
      "overlays/prod/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: correct-horse-battery\n",
      "overlays/prod/kustomization.yaml": "namespace: shop-prod\nresources:\n- ../../base\n- db.yaml\n",
    });
    repo.commit("secret");
    repo.write({ "overlays/prod/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: staple-tuna-elephant\n" });
    for (const format of ["text", "json", "markdown"]) {
      const run = mergegate(["diff", repo.root, "--base", "HEAD", "--env", "prod", "--format", format]);
      expect(run.stdout).toContain("/stringData/password");
      expect(run.stdout).not.toMatch(/correct-horse|staple-tuna/);
      expect(run.stdout).toMatch(/<redacted sha256:[0-9a-f]{8}>/);
    }
  });

  it("names a missing base ref, and a shallow clone's missing history, in one line with exit 2", () => {
    const missing = mergegate(["diff", repo.root, "--base", "origin/nope"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('mergegate: base ref "origin/nope" not found — fetch it first (e.g. `git fetch origin`)\n');
    const shallow = path.join(repo.root, "..", path.basename(repo.root) + "-shallow");
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "change", `file://${repo.root}`, shallow]);
    try {
      const run = mergegate(["diff", shallow, "--base", "origin/main"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^mergegate: base ref "origin\/main" not found — this is a shallow clone: fetch more history/);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});

describe.runIf(hasTool("git") && hasTool("kubectl"))("check --changed-only and --staged", () => {
  let repo: GitRepo;
  beforeEach(() => {
    repo = gitRepo({
      "apps/old.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Old_Name\n",
      "apps/notes.yaml": "a: 1\na: 2\n",
      // tests run offline: the schema check's "no schema source" notice (no file, no line) is not what this tests
      "mergegate.yaml": "version: 1\nrules:\n  schema/no-source: { severity: off }\n",
    });
    repo.commit("base with known problems");
  });
  afterEach(() => repo.remove());

  const rules = (args: string[]): string[] => {
    const report = JSON.parse(mergegate(["check", repo.root, "--format", "json", ...args]).stdout) as {
      findings: { rule: string; location: { file: string; line: number } }[];
    };
    return report.findings.map((finding) => `${finding.rule} ${finding.location.file}:${finding.location.line}`);
  };

  it("keeps only findings on changed objects and lines", () => {
    repo.write({
      "apps/new.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: New_Name\n",
      "apps/notes.yaml": "a: 1\na: 2\nb: 1\nb: 2\n",
    });
    expect(rules([])).toEqual([
      "yaml/duplicate-key apps/notes.yaml:2",
      "yaml/duplicate-key apps/notes.yaml:4",
      "k8s/invalid-name apps/new.yaml:4",
      "k8s/invalid-name apps/old.yaml:4",
    ]);
    expect(rules(["--changed-only"])).toEqual(["yaml/duplicate-key apps/notes.yaml:4", "k8s/invalid-name apps/new.yaml:4"]);
  });

  it("a renamed file brings no finding of its own", () => {
    repo.git("mv", "apps/old.yaml", "apps/moved.yaml");
    expect(rules(["--changed-only"])).toEqual([]);
    expect(rules([])).toContain("k8s/invalid-name apps/moved.yaml:4");
  });

  it("--staged checks the staged content, not the work tree's", () => {
    repo.write({ "apps/new.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Staged_Name\n" });
    repo.git("add", "apps/new.yaml");
    repo.write({ "apps/new.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed-in-work-tree\n" });
    expect(rules(["--staged"])).toEqual(["k8s/invalid-name apps/new.yaml:4"]);
    expect(rules(["--changed-only"])).toEqual([]);
  });
});
