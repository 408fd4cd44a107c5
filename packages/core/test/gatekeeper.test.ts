// Gatekeeper ConstraintTemplates: the shared evaluation (match rules, inventory) and `policy verify` over gator suites.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInventory, compileTemplate, constraintMatches, evaluateConstraint, namespacesOf, reviewOf } from "../src/policy/gatekeeper.js";
import { policyVerify } from "../src/policy/verify.js";
import { hasShared, projectRoot, sharedRoot } from "../../../test/support/tools.js";

const fixtures = path.join(projectRoot, "test/fixtures/gatekeeper");
const library = path.join(sharedRoot, "conformance/gatekeeper-library");

const template = compileTemplate({
  apiVersion: "templates.gatekeeper.sh/v1",
  kind: "ConstraintTemplate",
  metadata: { name: "k8sreplicas" },
  spec: {
    crd: { spec: { names: { kind: "K8sMaxReplicas" } } },
    targets: [
      {
        target: "admission.k8s.gatekeeper.sh",
        rego: 'package k8smaxreplicas\n\nviolation[{"msg": msg}] {\n  input.review.object.spec.replicas > input.parameters.max\n  msg := sprintf("%v replicas > %v", [input.review.object.spec.replicas, input.parameters.max])\n}\n',
      },
    ],
  },
});

const deployment = (name: string, namespace: string, replicas: number, labels: Record<string, string> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace, labels },
  spec: { replicas },
});

const constraint = (match: Record<string, unknown>) => ({ apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K8sMaxReplicas", metadata: { name: "max" }, spec: { match, parameters: { max: 3 } } });
const none = new Map<string, Record<string, unknown>>();

describe("Gatekeeper templates", () => {
  it("compile v0 Rego and report violations with the constraint's parameters", () => {
    expect(template).toMatchObject({ kind: "K8sMaxReplicas", unsupported: null, error: null, packagePath: "k8smaxreplicas" });
    const review = reviewOf(deployment("web", "apps", 5));
    expect(evaluateConstraint(template, constraint({}), review, buildInventory([]), none).map((violation) => violation.msg)).toEqual(["5 replicas > 3"]);
    expect(evaluateConstraint(template, constraint({}), reviewOf(deployment("web", "apps", 2)), buildInventory([]), none)).toEqual([]);
  });

  it("give a CEL-only template as unsupported", () => {
    const cel = compileTemplate({ kind: "ConstraintTemplate", spec: { crd: { spec: { names: { kind: "K8sCel" } } }, targets: [{ code: [{ engine: "K8sNativeValidation", source: { validations: [] } }] }] } });
    expect(cel.unsupported).toBe("CEL-only template: unsupported");
  });

  it("apply spec.match: kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector, scope, name", () => {
    const object = deployment("web", "apps", 5, { tier: "front" });
    const review = reviewOf(object);
    const namespaces = namespacesOf([{ apiVersion: "v1", kind: "Namespace", metadata: { name: "apps", labels: { team: "a" } } }]);
    const matches = (match: Record<string, unknown>) => constraintMatches(constraint(match), review, namespaces);
    expect(matches({ kinds: [{ apiGroups: ["apps"], kinds: ["Deployment"] }] })).toBe(true);
    expect(matches({ kinds: [{ apiGroups: [""], kinds: ["Deployment"] }] })).toBe(false);
    expect(matches({ kinds: [{ apiGroups: ["*"], kinds: ["Pod", "Deployment"] }] })).toBe(true);
    expect(matches({ namespaces: ["app*"] })).toBe(true);
    expect(matches({ namespaces: ["other"] })).toBe(false);
    expect(matches({ excludedNamespaces: ["apps"] })).toBe(false);
    expect(matches({ labelSelector: { matchLabels: { tier: "front" } } })).toBe(true);
    expect(matches({ labelSelector: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] } })).toBe(false);
    expect(matches({ labelSelector: { matchExpressions: [{ key: "owner", operator: "DoesNotExist" }] } })).toBe(true);
    expect(matches({ namespaceSelector: { matchLabels: { team: "a" } } })).toBe(true);
    expect(matches({ namespaceSelector: { matchLabels: { team: "b" } } })).toBe(false);
    expect(matches({ scope: "Cluster" })).toBe(false);
    expect(matches({ scope: "Namespaced" })).toBe(true);
    expect(matches({ name: "we*" })).toBe(true);
    expect(matches({ name: "api" })).toBe(false);
    expect(evaluateConstraint(template, constraint({ excludedNamespaces: ["apps"] }), review, buildInventory([]), none)).toEqual([]);
  });

  it("build data.inventory like Gatekeeper", () => {
    const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps" } };
    const object = deployment("web", "apps", 1);
    expect(buildInventory([namespace, object])).toEqual({ cluster: { v1: { Namespace: { apps: namespace } } }, namespace: { apps: { "apps/v1": { Deployment: { web: object } } } } });
  });

  it("review an AdmissionReview's request with its operation", () => {
    const review = reviewOf({ kind: "AdmissionReview", request: { operation: "UPDATE", object: deployment("web", "apps", 1) } });
    expect(review).toMatchObject({ operation: "UPDATE", kind: { group: "apps", version: "v1", kind: "Deployment" }, name: "web", namespace: "apps" });
  });
});

describe("policy verify", () => {
  it("runs gator suites: yes/no/N and message assertions, inventory, match; CEL-only templates are errors", () => {
    const report = policyVerify([fixtures]);
    expect(report.cases.map((entry) => [entry.name, entry.status, entry.reason])).toEqual([
      ["cel/pod", "error", "CEL-only template: unsupported"],
      ["owner/allowed", "pass", null],
      ["owner/disallowed", "pass", null],
      ["owner/excluded-namespace", "pass", null],
      ["owner/namespace-selector-does-not-match", "pass", null],
    ]);
    expect(report).toMatchObject({ total: 5, passed: 4, failed: 0, errored: 1 });
  });

  describe.runIf(hasShared())("over the Gatekeeper library", () => {
    it("passes at least 90% of the cases", () => {
      const report = policyVerify([library]);
      const rate = report.passed / report.total;
      console.log(`gatekeeper-library: ${report.passed}/${report.total} cases pass (${(rate * 100).toFixed(1)}%), ${report.failed} failed, ${report.errored} errored`);
      for (const entry of report.cases.filter((candidate) => candidate.status !== "pass")) console.log(`  ${entry.status} ${entry.file} ${entry.name}: ${entry.reason}`);
      expect(report.total).toBeGreaterThan(100);
      expect(rate).toBeGreaterThanOrEqual(0.9);
    });
  });
});
