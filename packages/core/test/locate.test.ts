// locate(): rendered objects and pointers back to the line a human edits — overlay patch or transformer first, else the base.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGate } from "../src/gate.js";
import type { Rule } from "../src/checks/rule.js";
import { hasTool } from "../../../test/support/tools.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";

const base = {
  "base/kustomization.yaml": "resources:\n- deploy.yaml\nconfigMapGenerator:\n- name: web-settings\n  literals:\n  - LOG_LEVEL=info\n",
  "base/deploy.yaml": [
    "apiVersion: v1",
    "kind: Service",
    "metadata:",
    "  name: web",
    "spec:",
    "  ports: [{port: 80}]",
    "---",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    "  replicas: 1",
    "  template:",
    "    spec:",
    "      containers:",
    "      - name: sidecar",
    "        image: envoy:1.0",
    "      - name: web",
    "        image: nginx:1.0",
    "        ports:",
    "        - containerPort: 80",
    "",
  ].join("\n"),
  "overlays/prod/kustomization.yaml": [
    "namespace: shop",
    "namePrefix: prod-",
    "resources:",
    "- ../../base",
    "images:",
    "- name: nginx",
    "  newTag: \"2.0\"",
    "replicas:",
    "- name: web",
    "  count: 3",
    "patches:",
    "- path: patch.yaml",
    "- target: {kind: Service, name: web}",
    "  patch: |-",
    "    - op: add",
    "      path: /metadata/labels",
    "      value: {tier: front}",
    "",
  ].join("\n"),
  "overlays/prod/patch.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "      - name: web",
    "        resources:",
    "          limits: {cpu: 1}",
    "",
  ].join("\n"),
};

/**
 * A rule that reports the given pointers on every object of a kind, to see where locate() puts them.
 * `{web}` in a pointer stands for the index of the container named web in the rendered object.
 */
function pointing(kind: string, pointers: string[]): Rule {
  return {
    meta: { id: "k8s/test-locate", severity: "error", description: "test", docs: "test" },
    run(context) {
      for (const { resources } of context.render.environments) {
        for (const resource of resources) {
          if (resource.key.kind !== kind) continue;
          const containers = (resource.object as { spec?: { template?: { spec?: { containers?: { name: string }[] } } } }).spec
            ?.template?.spec?.containers ?? [];
          for (const pointer of pointers) {
            const concrete = pointer.replace(/\{(\w+)\}/g, (_all, name: string) => String(containers.findIndex((container) => container.name === name)));
            context.report({ env: resource.env, resource, pointer: concrete, message: pointer });
          }
        }
      }
    },
  };
}

describe.runIf(hasTool("kubectl"))("locate in a kustomize overlay", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = writeRepo(base);
  });
  afterAll(() => repo.remove());

  async function where(kind: string, pointers: string[]): Promise<Record<string, string>> {
    const result = await runGate({ repo: repo.root, rules: [pointing(kind, pointers)] });
    return Object.fromEntries(result.findings.map((finding) => [finding.message, `${finding.location?.file}:${finding.location?.line}`]));
  }

  it("points at the overlay's transformers for the fields they set", async () => {
    expect(
      await where("Deployment", [
        "/metadata/namespace",
        "/metadata/name",
        "/spec/replicas",
        "/spec/template/spec/containers/{web}/image",
      ]),
    ).toEqual({
      "/metadata/namespace": "overlays/prod/kustomization.yaml:1",
      "/metadata/name": "overlays/prod/kustomization.yaml:2",
      "/spec/replicas": "overlays/prod/kustomization.yaml:10",
      "/spec/template/spec/containers/{web}/image": "overlays/prod/kustomization.yaml:7",
    });
  });

  it("points at the strategic-merge patch that sets a field, matching list items by name", async () => {
    expect(await where("Deployment", ["/spec/template/spec/containers/{web}/resources/limits/cpu"])).toEqual({
      "/spec/template/spec/containers/{web}/resources/limits/cpu": "overlays/prod/patch.yaml:11",
    });
  });

  it("falls back to the base file for fields no overlay touches, and to the parent for missing fields", async () => {
    expect(
      await where("Deployment", [
        "/spec/template/spec/containers/{sidecar}/image",
        "/spec/template/spec/containers/{web}/ports/0/containerPort",
        "/spec/template/spec/containers/{web}/securityContext/runAsNonRoot",
      ]),
    ).toEqual({
      "/spec/template/spec/containers/{sidecar}/image": "base/deploy.yaml:18",
      "/spec/template/spec/containers/{web}/ports/0/containerPort": "base/deploy.yaml:22",
      "/spec/template/spec/containers/{web}/securityContext/runAsNonRoot": "base/deploy.yaml:19",
    });
  });

  it("points into an inline JSON patch at the line inside the kustomization", async () => {
    expect(await where("Service", ["/metadata/labels/tier", "/spec/ports/0/port"])).toEqual({
      "/metadata/labels/tier": "overlays/prod/kustomization.yaml:17",
      "/spec/ports/0/port": "base/deploy.yaml:6",
    });
  });

  it("points generated objects at their generator entry", async () => {
    expect(await where("ConfigMap", ["/data/LOG_LEVEL", "/metadata/labels"])).toEqual({
      "/data/LOG_LEVEL": "base/kustomization.yaml:6",
      "/metadata/labels": "base/kustomization.yaml:4",
    });
  });
});
