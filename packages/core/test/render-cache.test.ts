// The render cache and render inputs: what a kustomize environment reads, keyed entries served instead of a
// new build, invalidation when any input changes, and atomic writes.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTree, renderTree, startRendering } from "../src/render/render-repo.js";
import { environmentInputs, touches } from "../src/render/inputs.js";
import { cacheRoot } from "../src/schemas/cache.js";
import { hasTool } from "../../../test/support/tools.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";

const files = {
  "base/kustomization.yaml": "resources:\n- web.yaml\n",
  "base/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: \"1\"\n",
  "components/extra/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonLabels:\n  extra: \"yes\"\n",
  "overlays/dev/kustomization.yaml": "namespace: dev\nresources:\n- ../../base\ncomponents:\n- ../../components/extra\npatches:\n- path: patch.yaml\nconfigMapGenerator:\n- name: settings\n  files:\n  - app.properties=config/app.properties\n",
  "overlays/dev/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  b: \"2\"\n",
  "overlays/dev/config/app.properties": "LOG=debug\n",
  "overlays/prod/kustomization.yaml": "namespace: prod\nresources:\n- ../../base\n",
  "docs/readme.md": "# docs\n",
};

let repo: TempRepo | null = null;
afterEach(() => {
  repo?.remove();
  repo = null;
});

async function render(root: string, only: string[] | null = null) {
  const tree = await loadTree({ dir: root, root, configFile: null, envs: [], allowRemote: false });
  return renderTree(tree, only === null ? null : new Set(only));
}

/**
 * The cache entries holding `marker`. Other test files share the cache folder and run at the same time, so each
 * test writes a marker of its own into its repo and counts only the entries with it.
 */
function cacheEntries(marker: string): string[] {
  const folder = path.join(cacheRoot(), "renders");
  try {
    return readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".json") || file.endsWith(".tmp"))
      .map((file) => path.join(folder, file))
      .filter((file) => readFileSync(file, "utf8").includes(marker));
  } catch {
    return [];
  }
}

/** The repo files with a unique marker in the shared base (so every environment's entries hold it). */
function marked(marker: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...files, "base/web.yaml": files["base/web.yaml"].replace('a: "1"', `a: "1"\n  marker: ${marker}`), ...overrides };
}

describe("render inputs", () => {
  it("are the graph's folders, outermost first, and answer whether a changed path concerns the environment", async () => {
    repo = writeRepo(files);
    const tree = await loadTree({ dir: repo.root, root: repo.root, configFile: null, envs: [], allowRemote: false });
    const dev = tree.environments.find((env) => env.name === "dev");
    expect(dev).toBeDefined();
    const inputs = environmentInputs(dev!, tree.repo.files);
    expect(inputs.dirs).toEqual(["base", "components/extra", "overlays/dev"]);
    expect(touches(inputs, "overlays/dev/config/app.properties")).toBe(true);
    expect(touches(inputs, "components/extra/kustomization.yaml")).toBe(true);
    expect(touches(inputs, "base/deleted.yaml")).toBe(true);
    expect(touches(inputs, "overlays/prod/kustomization.yaml")).toBe(false);
    expect(touches(inputs, "docs/readme.md")).toBe(false);
    expect(touches(inputs, "overlays/develop/x.yaml")).toBe(false);
  });
});

describe("render inputs of Helm charts", () => {
  it("include the in-repo chart and values files of a Flux HelmRelease among the environment's files", async () => {
    repo = writeRepo({
      "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "charts/web/templates/deployment.yaml": "kind: Deployment\n",
      "values/prod.yaml": "replicaCount: 3\n",
      "clusters/prod/web.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  chart:\n    spec:\n      chart: ./charts/web\n      valuesFiles: [./values/prod.yaml]\n      sourceRef: { kind: GitRepository, name: repo }\n",
      "clusters/dev/web.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n",
    });
    const tree = await loadTree({ dir: repo.root, root: repo.root, configFile: null, envs: [], allowRemote: false });
    const inputs = Object.fromEntries(tree.environments.map((env) => [env.name, environmentInputs(env, tree.repo.files)]));
    expect(inputs["prod"]).toEqual({ dirs: ["charts/web", "clusters/prod"], files: ["values/prod.yaml"] });
    expect(touches(inputs["prod"]!, "charts/web/templates/deployment.yaml")).toBe(true);
    expect(touches(inputs["dev"]!, "charts/web/templates/deployment.yaml")).toBe(false);
  });
});

describe.runIf(hasTool("kubectl"))("render cache", () => {
  it("serves a second render from the cache, and renders again when an input changes", async () => {
    const marker = `first-${process.pid}-${Date.now()}`;
    repo = writeRepo(marked(marker));
    const first = await render(repo.root, ["dev"]);
    expect(first.render.environments[0]?.failed).toBe(false);
    const written = cacheEntries(marker);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\.json$/);
    // Tamper with the entry: a render served from the cache shows the tampered name, a new build would not.
    const entry = written[0]!;
    writeFileSync(entry, readFileSync(entry, "utf8").replaceAll('"name":"web"', '"name":"from-cache"'));
    const second = await render(repo.root, ["dev"]);
    expect(second.render.environments[0]?.resources.map((resource) => resource.key.name)).toContain("from-cache");
    expect(second.render.environments[0]?.kustomizations.map((kustomization) => kustomization.dir)).toEqual(["overlays/dev", "base", "components/extra"]);
    // Any input counts: here the generator's file.
    writeFileSync(path.join(repo.root, "overlays/dev/config/app.properties"), "LOG=info\n");
    const third = await render(repo.root, ["dev"]);
    const names = third.render.environments[0]?.resources.map((resource) => resource.key.name) ?? [];
    expect(names).toContain("web");
    expect(names).not.toContain("from-cache");
    expect(cacheEntries(marker)).toHaveLength(2);
    expect(cacheEntries(marker).filter((file) => file.endsWith(".tmp"))).toEqual([]);
  });

  it("keys by every input: an unrelated file does not invalidate, a change in a shared base does", async () => {
    const marker = `second-${process.pid}-${Date.now()}`;
    repo = writeRepo(marked(marker));
    await render(repo.root);
    expect(cacheEntries(marker)).toHaveLength(2);
    writeFileSync(path.join(repo.root, "docs/readme.md"), "# changed\n");
    await render(repo.root);
    expect(cacheEntries(marker)).toHaveLength(2);
    writeFileSync(path.join(repo.root, "base/web.yaml"), marked(marker)["base/web.yaml"]!.replace('"1"', '"3"'));
    const changed = await render(repo.root);
    expect(cacheEntries(marker)).toHaveLength(4);
    const prod = changed.render.environments.find((envRender) => envRender.env.name === "prod");
    expect(prod?.resources[0]?.object).toMatchObject({ data: { a: "3" } });
    expect(prod?.resources[0]?.origin.file).toBe("base/web.yaml");
  });

  it("renders an environment once per tree: a render started early is the one renderTree returns", async () => {
    const marker = `started-${process.pid}-${Date.now()}`;
    repo = writeRepo(marked(marker));
    const tree = await loadTree({ dir: repo.root, root: repo.root, configFile: null, envs: [], allowRemote: false });
    startRendering(tree, new Set(["prod"]));
    const all = await renderTree(tree, null);
    const again = await renderTree(tree, new Set(["prod"]));
    const prod = all.render.environments.find((envRender) => envRender.env.name === "prod");
    expect(again.render.environments).toEqual([prod]);
    expect(again.render.environments[0]).toBe(prod);
    expect(all.render.environments.map((envRender) => [envRender.env.name, envRender.failed])).toEqual([
      ["dev", false],
      ["prod", false],
    ]);
    expect(all.kustomizeVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    // a tree loaded anew renders anew, to the same objects
    const fresh = await render(repo.root);
    expect(fresh.render.environments.map((envRender) => envRender.resources)).toEqual(all.render.environments.map((envRender) => envRender.resources));
    expect(fresh.render.environments[1]).not.toBe(prod);
  });

  it("does not cache failed renders", async () => {
    const marker = `failed-${process.pid}-${Date.now()}`;
    repo = writeRepo(marked(marker, { "overlays/dev/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: missing\n" }));
    const result = await render(repo.root, ["dev"]);
    expect(result.render.environments[0]?.failed).toBe(true);
    const succeeded = await render(repo.root, ["prod"]);
    expect(succeeded.render.environments[0]?.failed).toBe(false);
    expect(cacheEntries(marker)).toHaveLength(1);
  });

  it("can be turned off with MERGEGATE_RENDER_CACHE=off", async () => {
    const marker = `off-${process.pid}-${Date.now()}`;
    repo = writeRepo(marked(marker));
    process.env["MERGEGATE_RENDER_CACHE"] = "off";
    try {
      await render(repo.root, ["prod"]);
    } finally {
      delete process.env["MERGEGATE_RENDER_CACHE"];
    }
    expect(cacheEntries(marker)).toEqual([]);
    await render(repo.root, ["prod"]);
    expect(cacheEntries(marker)).toHaveLength(1);
  });
});
