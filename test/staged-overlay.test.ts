// --staged and --base read the index and the base out of git (no checkout): the index's content is checked even when
// the work tree differs, untracked files are not part of it, and a kustomize overlay renders from the index.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGate } from "../packages/core/src/gate.js";
import { rules } from "../packages/core/src/checks/registry.js";
import { gitRepo } from "./support/git-repo.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const foundation = rules.filter((rule) => rule.meta.id.startsWith("k8s/") || rule.meta.id.startsWith("schema/"));
const configMap = (name: string, extra = ""): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  mode: fast\n`;
const found = (result: Awaited<ReturnType<typeof runGate>>): string[] =>
  result.findings.map((finding) => `${finding.rule} ${finding.env ?? "-"} ${finding.location?.file ?? "-"}:${finding.location?.line ?? 0}`);

describe.runIf(hasTool("git"))("the index and the base read out of git", () => {
  it("--staged checks what is staged, not the work tree's unstaged edits nor untracked files", async () => {
    const repo = gitRepo({ "envs/dev/settings.yaml": configMap("settings"), "envs/prod/settings.yaml": configMap("settings") });
    try {
      repo.commit("initial");
      repo.write({ "envs/dev/settings.yaml": configMap("bad_name", "  labels: { a: b }\n") });
      repo.git("add", "envs/dev/settings.yaml");
      // after staging: the work tree fixes the name again, and an untracked file breaks prod
      repo.write({ "envs/dev/settings.yaml": configMap("settings"), "envs/prod/extra.yaml": configMap("also_bad") });
      const staged = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(staged)).toEqual(["k8s/invalid-name dev envs/dev/settings.yaml:4"]);
      // the base (HEAD) side of the plain environment is rendered too: the rename is one object removed, one added
      expect(staged.diff?.environments.map((env) => [env.env, env.added.map((key) => key.name), env.removed.map((key) => key.name)])).toEqual([["dev", ["bad_name"], ["settings"]]]);
      expect(staged.render.environments.filter((envRender) => envRender.skippedReason === null).map((envRender) => envRender.env.name)).toEqual(["dev"]);
      const workTree = await runGate({ repo: repo.root, changedOnly: true, offline: true, rules: foundation });
      expect(found(workTree)).toEqual(["k8s/invalid-name prod envs/prod/extra.yaml:4"]);
    } finally {
      repo.remove();
    }
  });

  it("--staged with a file deleted from the work tree but still in the index checks the index's copy", async () => {
    const repo = gitRepo({ "envs/dev/settings.yaml": configMap("settings") });
    try {
      repo.commit("initial");
      repo.write({ "envs/dev/settings.yaml": configMap("bad_name") });
      repo.git("add", "envs/dev/settings.yaml");
      rmSync(path.join(repo.root, "envs/dev/settings.yaml"));
      const staged = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(staged)).toEqual(["k8s/invalid-name dev envs/dev/settings.yaml:4"]);
    } finally {
      repo.remove();
    }
  });

  it("--staged before the first commit checks every staged file as new, also from a sub-folder of the repository", async () => {
    const repo = gitRepo({ "gitops/envs/dev/settings.yaml": configMap("bad_name"), "gitops/envs/prod/settings.yaml": configMap("settings") });
    try {
      repo.git("add", "-A");
      const staged = await runGate({ repo: path.join(repo.root, "gitops"), staged: true, offline: true, rules: foundation });
      expect(found(staged)).toEqual(["k8s/invalid-name dev gitops/envs/dev/settings.yaml:4"]);
      expect(staged.diff?.base.commit).toBeNull();
      expect(staged.diff?.environments.map((env) => [env.env, env.added.map((key) => key.name)])).toEqual([
        ["dev", ["bad_name"]],
        ["prod", ["settings"]],
      ]);
    } finally {
      repo.remove();
    }
  });

  it.runIf(hasTool("kubectl"))("--base diffs a kustomize overlay against the merge-base without checking it out", async () => {
    const base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n";
    const repo = gitRepo({
      "base/deployment.yaml": base,
      "base/kustomization.yaml": "resources: [deployment.yaml]\n",
      "overlays/dev/kustomization.yaml": "resources: [../../base]\n",
      "overlays/prod/kustomization.yaml": "resources: [../../base]\npatches:\n  - path: replicas.yaml\n",
      "overlays/prod/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n",
    });
    try {
      repo.commit("initial");
      repo.git("checkout", "-q", "-b", "change");
      repo.write({ "overlays/prod/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  replica: 3\n" });
      repo.commit("more replicas");
      const result = await runGate({ repo: repo.root, base: "main", offline: true, rules: foundation });
      expect(result.diff?.environments.map((env) => [env.env, env.changed.map((change) => change.changes.map((entry) => `${entry.path} ${JSON.stringify(entry.before)} → ${JSON.stringify(entry.after)}`))])).toEqual([
        ["prod", [["/spec/replica null → 3", "/spec/replicas 2 → 3"]]],
      ]);
      expect(found(result)).toEqual(["schema/unknown-field prod overlays/prod/replicas.yaml:7"]);
    } finally {
      repo.remove();
    }
  });

  it.runIf(hasTool("kubectl"))("--staged builds an overlay without origin annotations when the base lends them, and with them when a kustomization changed", async () => {
    const repo = gitRepo(canaryOverlay());
    const kubectl = loggingKubectl();
    try {
      repo.commit("initial");
      repo.write({ "overlays/prod/canary.yaml": service("web-canary", '"eighty"') });
      repo.git("add", "-A");
      const lent = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(lent)).toEqual(["schema/invalid-type prod overlays/prod/canary.yaml:8"]);
      // the head's build built the overlay itself, asking for no origins (a build asking for them runs on a wrapper)
      const direct = (): number => kubectl.builds().filter((folder) => folder === path.join(repo.root, "overlays/prod")).length;
      expect(direct()).toBe(1);

      repo.write({ "overlays/prod/kustomization.yaml": "resources: [../../base, canary.yaml]\nnamePrefix: acme-\n" });
      repo.git("add", "-A");
      const asked = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(asked)).toEqual(["schema/invalid-type prod overlays/prod/canary.yaml:8"]);
      expect(direct()).toBe(1);
    } finally {
      kubectl.remove();
      repo.remove();
    }
  });

  it.runIf(hasTool("kubectl"))("--staged starts the affected build from the last run's plan before loading, and uses it once", async () => {
    const repo = gitRepo({ ...canaryOverlay(), "overlays/dev/kustomization.yaml": "resources: [../../base]\n" });
    const kubectl = loggingKubectl();
    const prod = path.join(repo.root, "overlays/prod");
    try {
      repo.commit("initial");
      // a first run leaves the plan: which folder builds how, from which inputs
      await runGate({ repo: repo.root, offline: true, rules: foundation });
      const before = kubectl.builds().length;
      repo.write({ "overlays/prod/canary.yaml": service("web-canary", '"eighty"') });
      repo.git("add", "-A");
      const first = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(first)).toEqual(["schema/invalid-type prod overlays/prod/canary.yaml:8"]);
      // one build of prod's folder: started early and taken by the render, not built a second time; dev not built
      expect(kubectl.builds().slice(before).filter((folder) => folder === prod)).toHaveLength(1);
      expect(kubectl.builds().slice(before)).not.toContain(path.join(repo.root, "overlays/dev"));

      // the same staged content again: the render cache has it, and nothing starts early
      const again = kubectl.builds().length;
      const second = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(second)).toEqual(found(first));
      expect(kubectl.builds().slice(again).filter((folder) => folder === prod)).toHaveLength(0);

      // an unstaged edit: the index is checked in a folder of its own; the early builds (of the work tree) start, and
      // are left unused: the findings are the index's
      repo.write({ "base/service.yaml": service("web", '"http"') });
      repo.git("add", "base/service.yaml");
      repo.write({ "overlays/prod/canary.yaml": service("web-canary", "8443") });
      const third = kubectl.builds().length;
      const index = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      expect(found(index)).toEqual(["schema/invalid-type dev base/service.yaml:8", "schema/invalid-type prod base/service.yaml:8", "schema/invalid-type prod overlays/prod/canary.yaml:8"]);
      expect(kubectl.builds().slice(third).filter((folder) => folder.startsWith(repo.root)).sort()).toEqual([path.join(repo.root, "overlays/dev"), prod]);
    } finally {
      kubectl.remove();
      repo.remove();
    }
  });
});

describe.runIf(hasTool("git") && hasTool("kubectl"))("early builds never do what the render would not", () => {
  it("leaves out of the plan a folder whose build would fetch a remote base: nothing is fetched early", async () => {
    const repo = gitRepo({
      "overlays/remote/kustomization.yaml": "resources:\n  - https://github.com/example/none//base?ref=v1\n  - canary.yaml\n",
      "overlays/remote/canary.yaml": service("web-canary", "8080"),
    });
    const kubectl = loggingKubectl();
    try {
      repo.commit("initial");
      await runGate({ repo: repo.root, offline: true, rules: foundation });
      repo.write({ "overlays/remote/canary.yaml": service("web-canary", "8081") });
      repo.git("add", "-A");
      const result = await runGate({ repo: repo.root, staged: true, offline: true, rules: foundation });
      // the render reports the remote base without building (a finding on the kustomization's line, not a changed one)
      expect(result.render.environments.map((envRender) => [envRender.env.name, envRender.skippedReason])).toEqual([["remote", "remote sources"]]);
      expect(kubectl.builds().filter((folder) => folder.startsWith(repo.root))).toEqual([]);
    } finally {
      kubectl.remove();
      repo.remove();
    }
  });
});

/** A base Service and a prod overlay that adds a canary Service. */
function canaryOverlay(): Record<string, string> {
  return {
    "base/service.yaml": service("web", "80"),
    "base/kustomization.yaml": "resources: [service.yaml]\n",
    "overlays/prod/kustomization.yaml": "resources: [../../base, canary.yaml]\n",
    "overlays/prod/canary.yaml": service("web-canary", "8080"),
  };
}

function service(name: string, port: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: web }\n  ports:\n    - port: ${port}\n`;
}

/** A kubectl first on PATH that logs each call's last argument (the folder built) and runs the real one. */
function loggingKubectl(): { builds(): string[]; remove(): void } {
  const tools = writeRepo({ kubectl: `#!/bin/sh\nfor last; do :; done\necho "$last" >> "$(dirname "$0")/builds.log"\nexec ${JSON.stringify(realKubectl())} "$@"\n` });
  chmodSync(path.join(tools.root, "kubectl"), 0o755);
  const path0 = process.env["PATH"];
  process.env["PATH"] = `${tools.root}${path.delimiter}${path0 ?? ""}`;
  return {
    builds: () => (existsSync(path.join(tools.root, "builds.log")) ? readFileSync(path.join(tools.root, "builds.log"), "utf8").trim().split("\n") : []),
    remove() {
      process.env["PATH"] = path0;
      tools.remove();
    },
  };
}

/** The kubectl on PATH before the logging one. */
function realKubectl(): string {
  return execFileSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).trim();
}
