// Built-in library rules through the whole pass (render, data.mergegate indexes, locate): what a user's repo gets.
import { describe, expect, it } from "vitest";
import { libraryPolicyRules } from "../../src/checks/policy/rules.js";
import { findingsOf } from "../rule-tester.js";

const serviceSelectorMatches = libraryPolicyRules.find((rule) => rule.meta.id === "policy/service-selector-matches");
if (serviceSelectorMatches === undefined) throw new Error("policy/service-selector-matches is not in the library");

const rolloutWithPreviewExperiment = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: "registry.example.com/web:1.0.0"}]
  strategy:
    canary:
      steps:
        - experiment:
            templates:
              - name: preview
                specRef: canary
                metadata:
                  labels: {app: web-preview}
`;

const service = (name: string, app: string) => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${app}
  ports: [{port: 80}]
`;

describe("policy/service-selector-matches", () => {
  it("counts the pods of a Rollout's template and of its experiment steps, and reports a Service that selects neither", async () => {
    const findings = await findingsOf(serviceSelectorMatches, {
      files: { "app.yaml": rolloutWithPreviewExperiment + service("web", "web") + service("web-preview", "web-preview") + service("web-typo", "wbe") },
    });
    expect(findings).toEqual([
      { rule: "policy/service-selector-matches", env: "default", at: "app.yaml:46:3", message: 'Service "web-typo" selects {"app": "wbe"}, which matches no workload in namespace ""' },
    ]);
  });
});
