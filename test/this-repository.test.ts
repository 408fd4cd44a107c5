// "This repository" for foreign-source decisions: origin's URL normalised, and the revisions that name the checked
// tree (HEAD, the default branch, --base, the checked-out branch); without origin, the URLs the repository's own
// objects use. End to end: an Argo CD Application of this repository on a feature branch is rendered.
import { afterEach, describe, expect, it } from "vitest";
import { rules, runGate } from "@mergegate/core";
import { normalizeGitUrl, thisRepository } from "../packages/core/src/render/gitops/this-repository.js";
import { gitPlaceOf } from "../packages/core/src/git/git.js";
import { gitRepo, type GitRepo } from "./support/git-repo.js";
import { hasTool } from "./support/tools.js";

describe("normalizeGitUrl", () => {
  it("compares https, ssh and scp-like forms of one repository equal", () => {
    const forms = ["https://github.com/acme/shop.git", "https://user@github.com/acme/shop/", "git@github.com:acme/shop.git", "ssh://git@github.com/acme/shop", "ssh://git@GitHub.com:22/acme/shop.git", "github.com/acme/shop"];
    expect(new Set(forms.map(normalizeGitUrl))).toEqual(new Set(["github.com/acme/shop"]));
    expect(normalizeGitUrl("https://github.com/acme/other.git")).not.toBe(normalizeGitUrl(forms[0] ?? ""));
  });
});

describe.skipIf(!hasTool("git"))("thisRepository", () => {
  let repo: GitRepo | null = null;
  const saved = { base: process.env["GITHUB_BASE_REF"], head: process.env["GITHUB_HEAD_REF"] };
  afterEach(() => {
    repo?.remove();
    repo = null;
    for (const [key, value] of [["GITHUB_BASE_REF", saved.base], ["GITHUB_HEAD_REF", saved.head]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("takes origin's URL and the default, base and checked-out branches", async () => {
    delete process.env["GITHUB_BASE_REF"];
    delete process.env["GITHUB_HEAD_REF"];
    repo = gitRepo({ "a.yaml": "a: 1\n" });
    repo.commit("first");
    repo.git("remote", "add", "origin", "git@git.example:acme/shop.git");
    repo.git("update-ref", "refs/remotes/origin/trunk", "HEAD");
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");
    repo.git("checkout", "-q", "-b", "feature/x");
    const found = await thisRepository(repo.root, await gitPlaceOf(repo.root), "origin/release");
    expect(found.urls).toEqual(new Set(["git.example/acme/shop"]));
    expect(found.fromOrigin).toBe(true);
    expect([...found.revisions].sort()).toEqual(["", "HEAD", "feature/x", "release", "trunk"]);
  });

  it("without origin knows only the revision names every repository has, plus the checked-out branch", async () => {
    repo = gitRepo({ "a.yaml": "a: 1\n" });
    repo.commit("first");
    const found = await thisRepository(repo.root, await gitPlaceOf(repo.root), null);
    expect(found.urls.size).toBe(0);
    expect([...found.revisions].sort()).toEqual(["", "HEAD", "main", "master"]);
  });

  it.runIf(hasTool("kubectl"))("renders an Application of this repository that targets the pull request's branch, not one of another branch", async () => {
    const app = (name: string, revision: string): string =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  source:\n    repoURL: https://git.example/acme/shop\n    targetRevision: ${revision}\n    path: overlays/prod\n  destination:\n    server: https://kubernetes.default.svc\n`;
    repo = gitRepo({
      "overlays/prod/kustomization.yaml": "resources: [cm.yaml]\n",
      "overlays/prod/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n",
      "argocd/apps.yaml": `${app("web", "feature/x")}---\n${app("old", "release-1")}`,
    });
    repo.commit("first");
    repo.git("remote", "add", "origin", "ssh://git@git.example/acme/shop.git");
    repo.git("checkout", "-q", "-b", "feature/x");
    const result = await runGate({ repo: repo.root, offline: true, rules: rules.filter((rule) => rule.meta.id.startsWith("render/")) });
    expect(result.verdict.environments.map((env) => env.name)).toEqual(["prod"]);
    expect(result.render.environments[0]?.resources.map((resource) => resource.key.name)).toEqual(["web"]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "Application old is not rendered from this tree: its source is revision release-1 of https://git.example/acme/shop",
    ]);
  });
});
