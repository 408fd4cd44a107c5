// Affected environments on a 30-environment kustomize repo: a change renders and checks only the environments
// whose render inputs it touches, reports the others as skipped, and promotion order still sees the chain.
import { rmSync, unlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules, runGate, type GateResult } from "@mergegate/core";
import { envNames, envRepoFiles, usesComponent } from "../bench/env-repo.mjs";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

const names = envNames(30);
const foundation = rules.filter((rule) => /^(render|k8s|canary\/promotion-)/.test(rule.meta.id));
const unaffected = "not affected by the change: none of its render inputs changed";

function checkedOf(result: GateResult): string[] {
  return result.verdict.environments.filter((env) => env.skippedReason === null).map((env) => env.name);
}

function renderedOf(result: GateResult): string[] {
  return result.render.environments.filter((envRender) => envRender.resources.length > 0).map((envRender) => envRender.env.name);
}

describe.runIf(hasTool("git") && hasTool("kubectl"))("affected environments", () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = gitRepo({
      ...envRepoFiles({ envs: 30, apps: 2 }),
      "mergegate.yaml": "version: 1\npromotion: [env-04, env-05]\n",
      ".mergegate/waivers.yaml": "- rule: policy/network-policy\n  env: env-03\n  reason: env-03 is a sandbox\n  owner: platform@example.com\n  expires: 2099-12-31\n",
    });
    repo.commit("environments");
    repo.git("checkout", "-q", "-b", "change");
  });
  afterAll(() => repo.remove());

  /** Applies a change in the work tree, runs the gate against main, then restores the tree. */
  async function withChange(change: () => void): Promise<GateResult> {
    change();
    try {
      return await runGate({ repo: repo.root, base: "main", offline: true, rules: foundation });
    } finally {
      repo.git("checkout", "-q", "--", ".");
      repo.git("clean", "-q", "-fd");
    }
  }

  it("a one-file change renders and checks only its environment; the others are skipped with a reason", async () => {
    const result = await withChange(() => repo.write({ "overlays/env-17/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-1\nspec:\n  replicas: 9\n" }));
    expect(checkedOf(result)).toEqual(["env-17"]);
    expect(renderedOf(result)).toEqual(["env-17"]);
    expect(result.verdict.environments).toHaveLength(30);
    for (const env of result.verdict.environments.filter((entry) => entry.name !== "env-17")) expect(env.skippedReason).toBe(unaffected);
    expect(result.diff?.environments.map((envDiff) => [envDiff.env, envDiff.changed.length])).toEqual([["env-17", 1]]);
  });

  it("follows the graph: a region layer, a component, a generator file, a deleted file", async () => {
    const region = await withChange(() => repo.write({ "regions/eu/kustomization.yaml": "resources:\n- ../../base\ncommonLabels:\n  region: europe\n" }));
    expect(checkedOf(region)).toEqual(names.slice(0, 10));
    const component = await withChange(() => repo.write({ "components/debug/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  debug: \"false\"\n" }));
    expect(checkedOf(component)).toEqual(names.filter((_name, position) => usesComponent(position)));
    const generator = await withChange(() => repo.write({ "overlays/env-22/config/settings.properties": "LOG_LEVEL=debug\n" }));
    expect(checkedOf(generator)).toEqual(["env-22"]);
    const deleted = await withChange(() => unlinkSync(path.join(repo.root, "overlays/env-09/namespace.yaml")));
    expect(checkedOf(deleted)).toEqual(["env-09"]);
    expect(deleted.findings.map((finding) => [finding.env, finding.rule])).toEqual([["env-09", "render/failed"]]);
  });

  it("a change outside every environment skips them all; a change to mergegate.yaml or a --policy folder checks them all", async () => {
    const readme = await withChange(() => repo.write({ "README.md": "# changed\n" }));
    expect(checkedOf(readme)).toEqual([]);
    expect(readme.verdict.status).toBe("pass");
    const config = await withChange(() => repo.write({ "mergegate.yaml": "version: 1\npromotion: [env-04, env-05, env-06]\n" }));
    expect(checkedOf(config)).toEqual(names);
    repo.write({ "policy/data.yaml": "allowed: [a]\n" });
    const policyData = await runGate({ repo: repo.root, base: "main", offline: true, rules: foundation, policyPaths: [path.join(repo.root, "policy")] });
    expect(checkedOf(policyData)).toEqual(names);
    const withoutFlag = await runGate({ repo: repo.root, base: "main", offline: true, rules: foundation });
    expect(checkedOf(withoutFlag)).toEqual([]);
    rmSync(path.join(repo.root, "policy"), { recursive: true, force: true });
  });

  it("promotion order still sees the unaffected previous environment (rendered, not checked)", async () => {
    const result = await withChange(() =>
      repo.write({ "overlays/env-05/kustomization.yaml": envRepoFiles({ envs: 30, apps: 2 })["overlays/env-05/kustomization.yaml"] + "images:\n- name: ghcr.io/bench/app-1\n  newTag: 2.0.0\n" }),
    );
    expect(checkedOf(result)).toEqual(["env-05"]);
    const promotion = result.findings.filter((finding) => finding.rule === "canary/promotion-order");
    expect(promotion.map((finding) => [finding.env, finding.location?.file])).toEqual([["env-05", "overlays/env-05/kustomization.yaml"]]);
    expect(result.findings.every((finding) => finding.env === "env-05" || finding.env === null)).toBe(true);
  });

  it("does not call a suppression for a skipped environment unused", async () => {
    const withPolicy = [...foundation, ...rules.filter((rule) => rule.meta.id === "policy/network-policy")];
    const full = await runGate({ repo: repo.root, offline: true, rules: withPolicy, strictSuppressions: true });
    expect(full.findings.filter((finding) => finding.suppression !== null).map((finding) => finding.env)).toEqual(["env-03"]);
    expect(full.findings.some((finding) => finding.rule === "suppression/unused")).toBe(false);
    repo.write({ "overlays/env-17/namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: env-17\n  labels: { team: a }\n" });
    try {
      const affected = await runGate({ repo: repo.root, base: "main", offline: true, rules: withPolicy, strictSuppressions: true });
      expect(checkedOf(affected)).toEqual(["env-17"]);
      expect(affected.findings.map((finding) => [finding.env, finding.rule])).toEqual([["env-17", "policy/network-policy"]]);
    } finally {
      repo.git("checkout", "-q", "--", ".");
    }
  });

  it("--changed-only and --staged use the same selection", async () => {
    repo.write({ "overlays/env-02/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-1\nspec:\n  replicas: 5\n" });
    try {
      const changedOnly = await runGate({ repo: repo.root, changedOnly: true, offline: true, rules: foundation });
      expect(checkedOf(changedOnly)).toEqual(["env-02"]);
      const nothingStaged = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(checkedOf(nothingStaged)).toEqual([]);
      repo.git("add", "overlays/env-02/replicas.yaml");
      const staged = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(checkedOf(staged)).toEqual(["env-02"]);
    } finally {
      repo.git("reset", "-q", "--hard");
      rmSync(path.join(repo.root, ".git", "index.lock"), { force: true });
    }
  });
});
