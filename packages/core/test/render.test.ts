// The render stage: kustomize failures and remote bases become findings, a missing renderer is a gate error,
// the repo is never written to, and discovery honours .gitignore and `exclude`.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runGate } from "../src/gate.js";
import { rules as allRules } from "../src/checks/registry.js";
import { hasTool } from "../../../test/support/tools.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";
import { short } from "./rule-tester.js";

// Tests run offline (vitest.config.ts): the schema check's one "no schema source" notice is not what these tests are about.
const rules = allRules.filter((rule) => rule.meta.id !== "schema/no-source");

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

let repo: TempRepo | null = null;
afterEach(() => repo?.remove());

describe.runIf(hasTool("kubectl"))("kustomize render", () => {
  it("reports a failing environment at the entry kustomize names, and still checks the others", async () => {
    repo = writeRepo({
      "overlays/dev/kustomization.yaml": "resources:\n- cm.yaml\n",
      "overlays/dev/cm.yaml": configMap("Bad_Name"),
      "overlays/prod/kustomization.yaml": "resources:\n- cm.yaml\nconfigMapGenerator:\n- name: settings\n  files:\n  - app.properties\n",
      "overlays/prod/cm.yaml": configMap("ok"),
    });
    const before = tree(repo.root);
    const result = await runGate({ rules, repo: repo.root });
    expect(result.findings.map(short)).toEqual([
      expect.objectContaining({ rule: "k8s/invalid-name", env: "dev", at: "overlays/dev/cm.yaml:4:3" }),
      expect.objectContaining({ rule: "render/failed", env: "prod", at: "overlays/prod/kustomization.yaml:6:5" }),
    ]);
    expect(result.findings[1]?.message).toMatch(/^kustomize build failed: .*app\.properties/);
    expect(result.verdict.environments.map((env) => env.status)).toEqual(["fail", "fail"]);
    expect(tree(repo.root)).toEqual(before);
  });

  it("reports remote bases without fetching them", async () => {
    repo = writeRepo({
      "app/kustomization.yaml": "resources:\n- cm.yaml\n- https://github.com/acme/platform//base?ref=v1.2.0\n",
      "app/cm.yaml": configMap("ok"),
    });
    const result = await runGate({ rules, repo: repo.root });
    expect(result.findings.map(short)).toEqual([
      {
        rule: "render/remote-source",
        env: "app",
        at: "app/kustomization.yaml:3:3",
        message: 'remote resources entry "https://github.com/acme/platform//base?ref=v1.2.0" is not rendered (pass --allow-remote to fetch it)',
      },
    ]);
    expect(result.verdict.environments[0]?.skippedReason).toBe("remote sources");
  });

  it("removes its origin annotations from the render", async () => {
    repo = writeRepo({ "app/kustomization.yaml": "resources:\n- cm.yaml\ncommonAnnotations:\n  team: web\n", "app/cm.yaml": configMap("ok") });
    const result = await runGate({ rules, repo: repo.root });
    const objects = result.render.environments[0]?.resources.map((resource) => resource.object);
    expect(objects).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ok", annotations: { team: "web" } } }]);
  });
});

describe("discovery", () => {
  it("honours exclude outside a git work tree, and .gitignore files", async () => {
    repo = writeRepo({
      "mergegate.yaml": 'version: 1\nexclude: ["docs/**"]\n',
      ".gitignore": "generated/\n",
      "docs/broken.yaml": "a: [\n",
      "generated/broken.yaml": "a: [\n",
      "app/nested/.gitignore": "tmp.yaml\n",
      "app/nested/tmp.yaml": "a: [\n",
      "app/cm.yaml": configMap("ok"),
    });
    const result = await runGate({ rules, repo: repo.root });
    expect(result.findings).toEqual([]);
  });

  it.runIf(hasTool("git"))("inside a work tree: git's view of files, paths from the top-level", async () => {
    repo = writeRepo({
      ".gitignore": "ignored.yaml\n",
      "gitops/ignored.yaml": "a: [\n",
      "gitops/app/untracked.yaml": "a: 1\na: 2\n",
      "gitops/app/cm.yaml": configMap("ok"),
    });
    execFileSync("git", ["init", "-q"], { cwd: repo.root });
    const result = await runGate({ rules, repo: path.join(repo.root, "gitops") });
    expect(result.findings.map(short)).toEqual([
      { rule: "yaml/duplicate-key", env: null, at: "gitops/app/untracked.yaml:2:1", message: 'duplicate key "a" in this mapping' },
    ]);
  });
});
