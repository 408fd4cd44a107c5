// `mergegate render` against kustomize itself: for every kustomize root in ../shared/env-repos that kustomize
// can build, mergegate's render holds exactly kustomize's objects.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { markerOf, redactionFor, secretValues } from "../packages/core/src/report/redact.js";
import { redactionKeyOf } from "../packages/core/src/report/redaction-key.js";
import { mergegate } from "./support/cli.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasShared, hasTool, sharedRoot } from "./support/tools.js";

type KubeObject = { kind?: string; metadata?: { name?: string; namespace?: string }; data?: Record<string, string>; stringData?: Record<string, string> };

const available = hasShared() && hasTool("kubectl");
const envRepos = path.join(sharedRoot, "env-repos");

/** Every folder holding a kustomization that is not a Component, as [repo, folder inside it]. */
function kustomizeRoots(): [string, string][] {
  const roots: [string, string][] = [];
  for (const repo of readdirSync(envRepos, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const top = path.join(envRepos, repo.name);
    for (const entry of readdirSync(top, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/^(kustomization\.ya?ml|Kustomization)$/.test(entry.name)) continue;
      if (/^kind:\s*Component\b/m.test(readFileSync(path.join(entry.parentPath, entry.name), "utf8"))) continue;
      roots.push([repo.name, path.relative(top, entry.parentPath) || "."]);
    }
  }
  return roots.sort();
}

const roots = available ? kustomizeRoots() : [];
const key = (object: KubeObject): string => [object.kind, object.metadata?.namespace ?? "", object.metadata?.name].join("/");

/** What mergegate prints for kustomize's objects: Secret values and credentials redacted, keys sorted, in kind/namespace/name order. */
function expectedFrom(objects: KubeObject[], redactionKey: string): KubeObject[] {
  const resources = objects.map((object) => ({ object: object as Record<string, unknown> }));
  const redaction = redactionFor(redactionKey, secretValues({ environments: [{ resources }] } as never, []));
  return objects
    .map((object) => redaction.value(object))
    .map((object) => JSON.parse(JSON.stringify(object)) as KubeObject)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe.runIf(available)("mergegate render = kubectl kustomize", () => {
  const built: string[] = [];
  const configDir = mkdtempSync(path.join(os.tmpdir(), "mergegate-render-config-"));
  afterAll(() => {
    rmSync(configDir, { recursive: true, force: true });
    console.log(`render comparison: ${built.length} of ${roots.length} kustomize roots build with kubectl kustomize`);
    expect(built.length).toBeGreaterThan(10);
  });

  it.each(roots)("%s/%s", async (repo, folder) => {
    const oracle = spawnSync("kubectl", ["kustomize", path.join(envRepos, repo, folder)], { encoding: "utf8" });
    if (oracle.status !== 0) return; // kustomize cannot build it (files missing from the copy): nothing to compare
    built.push(`${repo}/${folder}`);
    const config = path.join(configDir, `${repo}-${folder.replace(/\//g, "_")}.yaml`);
    writeFileSync(config, `version: 1\nenvironments:\n  root:\n    path: ${JSON.stringify(folder)}\n    renderer: kustomize\n`);
    const run = mergegate(["render", path.join(envRepos, repo), "--config", config, "--format", "json"]);
    expect(run.stderr).toBe("");
    const rendered = JSON.parse(run.stdout) as { environments: { name: string; objects: KubeObject[] }[] };
    const objects = parseAllDocuments(oracle.stdout).map((document) => document.toJS() as KubeObject).filter((object) => object !== null);
    expect(rendered.environments[0]?.objects).toEqual(expectedFrom(objects, redactionKeyOf(path.join(envRepos, repo))));
  });
});

describe.runIf(hasTool("kubectl"))("mergegate render output", () => {
  const repo = writeRepo({
    "overlays/dev/kustomization.yaml": "resources:\n- app.yaml\n",
    "overlays/dev/app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  b: \"2\"\n  a: \"1\"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-but-longer\n",
    "overlays/prod/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prod-only\n",
  });
  afterAll(() => repo.remove());

  it("prints YAML sorted by kind, namespace and name, keys sorted, Secret values redacted", async () => {
    const run = mergegate(["render", repo.root, "--env", "dev"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "# environment: dev (overlays/dev)",
        "---",
        "apiVersion: v1",
        "data:",
        '  a: "1"',
        '  b: "2"',
        "kind: ConfigMap",
        "metadata:",
        "  name: web",
        "---",
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: db",
        "stringData:",
        `  password: ${markerOf(redactionKeyOf(repo.root), "hunter2-but-longer")}`,
        "---",
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        "  name: web",
        "",
      ].join("\n"),
    );
  });

  it("--out writes one file per object under <env>/, replacing what was there", () => {
    const out = path.join(repo.root, "..", path.basename(repo.root) + "-out");
    try {
      expect(mergegate(["render", repo.root, "--out", out]).code).toBe(0);
      const listing = readdirSync(out, { recursive: true }).map(String).sort();
      expect(listing).toEqual([
        "dev",
        "dev/_cluster",
        "dev/_cluster/configmap-web.yaml",
        "dev/_cluster/secret-db.yaml",
        "dev/_cluster/service-web.yaml",
        "prod",
        "prod/_cluster",
        "prod/_cluster/configmap-prod-only.yaml",
      ]);
      expect(readFileSync(path.join(out, "dev/_cluster/secret-db.yaml"), "utf8")).not.toContain("hunter2");
      expect(mergegate(["render", repo.root, "--out", out, "--env", "prod", "--format", "json"]).code).toBe(0);
      expect(readdirSync(path.join(out, "prod/_cluster"))).toEqual(["configmap-prod-only.json"]);
      expect(readdirSync(path.join(out, "dev/_cluster"))).toHaveLength(3);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
