// Before kustomize runs (issue 18, problems 4 and 5): every field that can load a URL is a render/remote-source
// finding at its line, aliases and a file named `Kustomization` included; an input over the loader's budgets
// (an alias bomb, a huge file) is a render/failed finding and kustomize never reads it.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGate } from "../packages/core/src/gate.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

async function renderProblems(files: Record<string, string>, prepare?: (root: string) => void): Promise<{ rule: string; message: string; line: number | undefined; file: string | undefined }[]> {
  const repo = writeRepo({ "mergegate.yaml": "version: 1\nenvironments:\n  prod:\n    path: app\n    renderer: kustomize\n", "app/cm.yaml": configMap, ...files });
  try {
    prepare?.(repo.root);
    const result = await runGate({ repo: repo.root, offline: true });
    return result.findings
      .filter((finding) => finding.rule.startsWith("render/"))
      .map((finding) => ({ rule: finding.rule, message: finding.message, line: finding.location?.line, file: finding.location?.file }));
  } finally {
    repo.remove();
  }
}

describe.runIf(hasTool("kubectl"))("fields that can load a URL", () => {
  it.each([
    ["transformers", "resources:\n- cm.yaml\ntransformers:\n- https://example.com/transformer.yaml\n", 4, "transformers"],
    ["generators", "resources:\n- cm.yaml\ngenerators:\n- https://example.com/generator.yaml\n", 4, "generators"],
    ["openapi.path", "resources:\n- cm.yaml\nopenapi:\n  path: https://example.com/schema.json\n", 4, "openapi.path"],
    ["components", "resources:\n- cm.yaml\ncomponents:\n- git@github.com:acme/components.git//tls\n", 4, "components"],
    ["helmCharts repo", "resources:\n- cm.yaml\nhelmCharts:\n- name: redis\n  repo: oci://registry.example.com/charts\n  version: 1.0.0\n", 5, "helmCharts.repo"],
    ["a generator's files", "resources:\n- cm.yaml\nconfigMapGenerator:\n- name: g\n  files:\n  - conf=https://example.com/app.conf\n", 6, "configMapGenerator.files"],
    ["a patch's path", "resources:\n- cm.yaml\npatches:\n- path: https://example.com/patch.yaml\n", 4, "patches.path"],
    ["an alias in resources", "remote: &remote https://github.com/acme/base//app?ref=v1\nresources:\n- cm.yaml\n- *remote\n", 4, "resources"],
    ["an aliased list", "remote: &list\n- https://github.com/acme/base//app?ref=v1\nresources: *list\n", 3, "resources"],
  ])("%s", async (_name, kustomization, line, field) => {
    const problems = await renderProblems({ "app/kustomization.yaml": kustomization });
    expect(problems).toEqual([{ rule: "render/remote-source", message: expect.stringContaining(`remote ${field} entry`), line, file: "app/kustomization.yaml" }]);
  });

  it("a file named Kustomization", async () => {
    const problems = await renderProblems({ "app/Kustomization": "resources:\n- cm.yaml\n- https://github.com/acme/base//app?ref=v1\n" });
    expect(problems).toEqual([{ rule: "render/remote-source", message: expect.stringContaining("remote resources entry"), line: 3, file: "app/Kustomization" }]);
  });
});

describe.runIf(hasTool("kubectl"))("inputs over the loader's budgets are never handed to kustomize", () => {
  it("an alias bomb in a listed resource", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10).fill(`*${String.fromCharCode(97 + index)}`).join(", ")}]`)].join("\n");
    const problems = await renderProblems({ "app/kustomization.yaml": "resources:\n- cm.yaml\n- bomb.yaml\n", "app/bomb.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${bomb.split("\n").join("\n  ")}\n` });
    expect(problems).toEqual([{ rule: "render/failed", message: expect.stringMatching(/bomb.yaml is not built by kustomize: its YAML aliases cannot be expanded \(.*alias count/), line: 3, file: "app/kustomization.yaml" }]);
  });

  it("a recursive alias in a listed resource", async () => {
    const problems = await renderProblems({ "app/kustomization.yaml": "resources:\n- cm.yaml\n- loop.yaml\n", "app/loop.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &d\n  self: *d\n" });
    expect(problems).toEqual([{ rule: "render/failed", message: expect.stringMatching(/loop.yaml is not built by kustomize: its YAML aliases cannot be expanded \(alias \*d is inside the node it refers to/), line: 3, file: "app/kustomization.yaml" }]);
  });

  it("a file over the size limit", async () => {
    const problems = await renderProblems({ "app/kustomization.yaml": "resources:\n- cm.yaml\n- huge.yaml\n" }, (root) => {
      writeFileSync(path.join(root, "app/huge.yaml"), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  a: "${"x".repeat(11 * 1024 * 1024)}"\n`);
    });
    expect(problems).toEqual([{ rule: "render/failed", message: expect.stringMatching(/huge.yaml is not built by kustomize: the file is \d+ bytes, over the size limit/), line: 3, file: "app/kustomization.yaml" }]);
  });
});
