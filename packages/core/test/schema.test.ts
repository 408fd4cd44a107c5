// The schema check: strict validation against the shared Kubernetes spec and CRDs, the converter, the lifecycle
// table, and the behaviour with no schema source at all (offline, nothing cached).
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { schemaRules } from "../src/checks/schema/rules.js";
import { closestName } from "../src/checks/schema/suggest.js";
import { runGate } from "../src/gate.js";
import { isDeprecated, isRemoved, lifecycleOf } from "../src/schemas/api-lifecycles.js";
import { convertSchema } from "../src/schemas/convert.js";
import { expandTemplate } from "../src/schemas/template-source.js";
import { sharedRoot } from "../../../test/support/tools.js";
import { writeRepo } from "../../../test/support/temp-repo.js";
import { short, type FoundFinding } from "./rule-tester.js";

const schemasRoot = path.join(sharedRoot, "k8s-schemas");
const hasSchemas = existsSync(path.join(schemasRoot, "openapi-v2/k8s-1.33-swagger.json"));
if (!hasSchemas) console.warn(`skipping: ${schemasRoot} is not present`);
const locations = [path.join(schemasRoot, "openapi-v2/k8s-1.33-swagger.json"), path.join(schemasRoot, "crds")];
const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures/schema");

async function schemaFindings(files: Record<string, string>, options: { schemaLocations?: string[]; kubernetesVersion?: string } = {}): Promise<FoundFinding[]> {
  const repo = writeRepo(files);
  try {
    const result = await runGate({ repo: repo.root, rules: schemaRules, offline: true, ...options });
    return result.findings.map(short);
  } finally {
    repo.remove();
  }
}

const deployment = (extra: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n${extra}`;

describe.runIf(hasSchemas)("schema check against the Kubernetes 1.33 spec and the shared CRDs", () => {
  it("reports every deliberate problem of the broken fixtures at its line, and nothing on the valid ones", async () => {
    const result = await runGate({ repo: path.join(fixtures, "broken"), rules: schemaRules, offline: true, schemaLocations: locations });
    expect(result.findings.map((finding) => `${path.posix.basename(finding.location?.file ?? "")}:${finding.location?.line} ${finding.rule} ${finding.message}`)).toEqual([
      'crds.yaml:20 schema/invalid-type spec.strategy.canary.steps[0].setWeight: expected integer, got string "twenty"',
      'crds.yaml:21 schema/unknown-field spec.strategy.canary.steps[1].pauze: unknown field — did you mean "pause"?',
      'crds.yaml:38 schema/unknown-field spec.analysis.maxWeigth: unknown field — did you mean "maxWeight"?',
      'crds.yaml:50 schema/invalid-value spec.chart.spec.sourceRef.kind: must be one of HelmRepository, GitRepository, Bucket (got "HelmRepo")',
      'crds.yaml:57 schema/missing-field spec: missing required field "issuerRef"',
      'workloads.yaml:7 schema/unknown-field spec.replica: unknown field — did you mean "replicas"?',
      'workloads.yaml:8 schema/invalid-type spec.replicas: expected integer, got string "3"',
      'workloads.yaml:18 schema/invalid-value spec.template.spec.containers[0].imagePullPolicy: must be one of Always, IfNotPresent, Never (got "Sometimes")',
      'workloads.yaml:30 schema/missing-field spec.template.spec: missing required field "containers"',
      "workloads.yaml:33 schema/removed-api policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.33 (removed in 1.25): use policy/v1",
      'workloads.yaml:45 schema/invalid-value spec.type: must be one of ClusterIP, NodePort, LoadBalancer, ExternalName (got "ClusterIp")',
    ]);
    expect(result.findings.find((finding) => finding.rule === "schema/unknown-field")?.path).toBe("/spec/strategy/canary/steps/1/pauze");
    const valid = await runGate({ repo: path.join(fixtures, "valid"), rules: schemaRules, offline: true, schemaLocations: locations });
    expect(valid.findings).toEqual([]);
  });

  it("points an unknown field at the field itself, even in a kustomize overlay patch", async () => {
    const found = await schemaFindings({ "deploy.yaml": deployment("          imagePullpolicy: Always\n") }, { schemaLocations: locations });
    expect(found).toEqual([
      { rule: "schema/unknown-field", env: "default", at: "deploy.yaml:15:11", message: 'spec.template.spec.containers[0].imagePullpolicy: unknown field — did you mean "imagePullPolicy"?' },
    ]);
  });

  it("accepts int-or-string ports, quantities as numbers, null timestamps and preserved unknown fields", async () => {
    const extra = "          ports: [{ containerPort: 80, name: http }]\n          readinessProbe: { httpGet: { port: http } }\n          resources: { limits: { cpu: 1, memory: 1Gi } }\n";
    const crdYaml =
      "apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: rate\nspec:\n  metrics:\n    - name: rate\n      provider:\n        prometheus: { query: up }\n";
    expect(await schemaFindings({ "deploy.yaml": deployment(extra), "at.yaml": crdYaml }, { schemaLocations: locations })).toEqual([]);
  });

  it("reports flowcontrol v1beta3 as removed on 1.32 but not on 1.31", async () => {
    const flowSchema = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\nspec:\n  priorityLevelConfiguration: { name: p }\n";
    const on132 = await schemaFindings({ "f.yaml": flowSchema }, { schemaLocations: [path.join(schemasRoot, "openapi-v2/k8s-1.31-swagger.json")], kubernetesVersion: "1.32" });
    expect(on132.map((finding) => finding.message)).toEqual([
      "flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is not served by Kubernetes 1.32 (removed in 1.32): use flowcontrol.apiserver.k8s.io/v1",
    ]);
    expect(await schemaFindings({ "f.yaml": flowSchema }, { schemaLocations: [path.join(schemasRoot, "openapi-v2/k8s-1.31-swagger.json")], kubernetesVersion: "1.31" })).toEqual([]);
  });

  it("warns about a kind the Kubernetes spec lacks in a group it covers", async () => {
    const found = await schemaFindings({ "x.yaml": "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: web\n" }, { schemaLocations: locations });
    expect(found.map((finding) => [finding.rule, finding.at])).toEqual([["schema/unknown-kind", "x.yaml:2:1"]]);
  });
});

describe("schema check of a Kubernetes release the package does not ship (offline, empty cache)", () => {
  const crd =
    "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.acme.example\nspec:\n  group: acme.example\n  names: { kind: Widget, plural: widgets }\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: { type: integer }\n";

  it("says once how to provide schemas instead of warning about every built-in kind", async () => {
    // 1.29 is not shipped in the package (shipped-schemas/), so offline with an empty cache nothing describes it
    const found = await schemaFindings(
      {
        "deploy.yaml": deployment(""),
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
        "rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  replica: 2\n",
      },
      { kubernetesVersion: "1.29" },
    );
    expect(found).toEqual([
      {
        rule: "schema/no-source",
        env: null,
        at: "",
        message:
          "no schema source for Kubernetes 1.29: 2 objects were not validated; run `mergegate schemas fetch --kubernetes-version 1.29` or pass --schema-location (a Kubernetes OpenAPI document, a folder of CRDs or a kubeconform URL template)",
      },
      // the Rollout's CRD is shipped: it is validated offline whatever the Kubernetes version
      { rule: "schema/unknown-field", env: "default", at: "rollout.yaml:6:3", message: 'spec.replica: unknown field — did you mean "replicas"?' },
    ]);
  });

  it("validates a custom resource against a CRD in the render, and warns about a custom kind no CRD defines", async () => {
    const found = await schemaFindings({
      "crd.yaml": crd,
      "widget.yaml": "apiVersion: acme.example/v1\nkind: Widget\nmetadata:\n  name: w\n  lables: { a: b }\nspec:\n  size: large\n  colour: red\n",
      "gadget.yaml": "apiVersion: acme.example/v1\nkind: Gadget\nmetadata:\n  name: g\n",
    });
    expect(found.filter((finding) => finding.rule !== "schema/no-source")).toEqual([
      { rule: "schema/unknown-kind", env: "default", at: "gadget.yaml:2:1", message: "no schema for acme.example/v1 Gadget in CRDs in the render: check the apiVersion and kind, or add its CRD" },
      { rule: "schema/unknown-field", env: "default", at: "widget.yaml:5:3", message: 'metadata.lables: unknown field — did you mean "labels"?' },
      { rule: "schema/invalid-type", env: "default", at: "widget.yaml:7:3", message: 'spec.size: expected integer, got string "large"' },
      { rule: "schema/unknown-field", env: "default", at: "widget.yaml:8:3", message: "spec.colour: unknown field" },
    ]);
  });

  it("lets schemas.unknownKind set the severity of unknown kinds, or ignore them", async () => {
    const files = { "thing.yaml": "apiVersion: example.org/v1\nkind: Thing\nmetadata:\n  name: t\n" };
    const asError = await schemaFindings({ ...files, "mergegate.yaml": "version: 1\nschemas: { unknownKind: error }\n" });
    expect(asError.map((finding) => finding.message)).toEqual(["no schema for example.org/v1 Thing: no CRD in the render or the schema locations defines it"]);
    const repo = writeRepo({ ...files, "mergegate.yaml": "version: 1\nschemas: { unknownKind: error }\n" });
    try {
      expect((await runGate({ repo: repo.root, rules: schemaRules, offline: true })).findings[0]?.severity).toBe("error");
    } finally {
      repo.remove();
    }
    expect(await schemaFindings({ ...files, "mergegate.yaml": "version: 1\nschemas: { unknownKind: ignore }\n" })).toEqual([]);
  });

  it("reports removed APIs from the lifecycle table even with no schema source", async () => {
    const found = await schemaFindings({ "cj.yaml": "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n" }, { kubernetesVersion: "1.28" });
    expect(found.filter((finding) => finding.rule === "schema/removed-api")).toEqual([
      { rule: "schema/removed-api", env: "default", at: "cj.yaml:1:1", message: "batch/v1beta1 CronJob is not served by Kubernetes 1.28 (removed in 1.25): use batch/v1" },
    ]);
  });
});

describe("converter", () => {
  const convert = (node: unknown): Record<string, unknown> => convertSchema(node, { rewriteRef: (ref) => `doc${ref}`, definitionName: null });

  it("closes objects with properties unless they preserve unknown fields, and keeps maps open", () => {
    expect(convert({ type: "object", properties: { a: { type: "string" } } })).toEqual({ type: ["object", "null"], properties: { a: { type: ["string", "null"] } }, additionalProperties: false });
    expect(convert({ type: "object", properties: {}, "x-kubernetes-preserve-unknown-fields": true })["additionalProperties"]).toBeUndefined();
    expect(convert({ type: "object", additionalProperties: { type: "string" } })["additionalProperties"]).toEqual({ type: ["string", "null"] });
  });

  it("turns int-or-string into integer or string, rewrites refs, and drops formats it cannot check", () => {
    expect(convert({ "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }], pattern: "^\\d+%?$" })).toEqual({ type: ["integer", "string", "null"], pattern: "^\\d+%?$" });
    expect(convert({ $ref: "#/definitions/X", description: "d" })).toEqual({ $ref: "doc#/definitions/X" });
    expect(convert({ type: "string", format: "duration" })).toEqual({ type: ["string", "null"] });
    expect(convert({ type: "integer", minimum: 0, exclusiveMinimum: true })).toEqual({ type: ["integer", "null"], exclusiveMinimum: 0 });
  });

  it("adds the curated enums the upstream spec leaves open", () => {
    const container = convertSchema({ type: "object", properties: { imagePullPolicy: { type: "string" } } }, { rewriteRef: (ref) => ref, definitionName: "io.k8s.api.core.v1.Container" });
    expect((container["properties"] as Record<string, Record<string, unknown>>)["imagePullPolicy"]?.["enum"]).toEqual(["Always", "IfNotPresent", "Never", null]);
  });
});

describe("API lifecycles, suggestions and kubeconform templates", () => {
  it("knows what each release removed and what replaces it", () => {
    const pdb = lifecycleOf("policy/v1beta1", "PodDisruptionBudget");
    expect(pdb?.replacement).toBe("policy/v1");
    expect(pdb !== null && isRemoved(pdb, "1.25")).toBe(true);
    expect(pdb !== null && isRemoved(pdb, "1.24")).toBe(false);
    expect(pdb !== null && isDeprecated(pdb, "1.24")).toBe(true);
    expect(lifecycleOf("apps/v1", "Deployment")).toBeNull();
  });

  it("suggests close names only", () => {
    expect(closestName("replica", ["replicas", "selector"])).toBe("replicas");
    expect(closestName("imagePullpolicy", ["image", "imagePullPolicy"])).toBe("imagePullPolicy");
    expect(closestName("lables", ["labels", "annotations"])).toBe("labels");
    expect(closestName("specDOESNOTEXIST", ["spec", "status"])).toBeNull();
  });

  it("fills kubeconform's template variables", () => {
    const template = "https://example.org/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json";
    expect(expandTemplate(template, { group: "apps", version: "v1", kind: "Deployment" }, "1.33")).toBe("https://example.org/v1.33.0-standalone-strict/deployment-apps-v1.json");
    expect(expandTemplate("{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json", { group: "argoproj.io", version: "v1alpha1", kind: "Rollout" }, "1.33")).toBe("argoproj/rollout_v1alpha1.json");
    expect(expandTemplate("{{.ResourceKind}}{{.KindSuffix}}.json", { group: "", version: "v1", kind: "Service" }, "1.33")).toBe("service-v1.json");
  });
});
