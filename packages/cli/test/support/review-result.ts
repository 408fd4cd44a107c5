// A small gate result for the review's unit tests: findings in two environments and one file-level finding.
import type { Finding, GateResult, ResourceKey, Severity } from "@mergegate/core";

const resource = (kind: string, name: string): ResourceKey => ({ apiVersion: "v1", kind, namespace: "shop", name });

function finding(rule: string, severity: Severity, env: string | null, target: ResourceKey | null, file: string, line: number, message: string): Finding {
  return {
    check: rule.split("/")[0] ?? rule,
    rule,
    severity,
    message,
    env,
    resource: target,
    location: { file, line, column: 3, endLine: line, endColumn: 3 },
    path: null,
    help: null,
    fingerprint: `${rule}-${file}-${target?.name ?? ""}`,
    suppression: null,
    baselineState: null,
  };
}

export const findings: Finding[] = [
  finding("yaml/duplicate-key", "error", null, null, "apps/quota.yaml", 3, 'duplicate key "cpu" in this mapping'),
  finding("k8s/invalid-name", "error", "dev", resource("ConfigMap", "bad_name"), "apps/cm.yaml", 4, 'ConfigMap name "bad_name" is not a DNS-1123 subdomain'),
  finding("k8s/invalid-name", "error", "prod", resource("ConfigMap", "bad_name"), "apps/cm.yaml", 4, 'ConfigMap name "bad_name" is not a DNS-1123 subdomain'),
  finding("policy/production-replicas", "warning", "prod", resource("Deployment", "web"), "apps/web.yaml", 8, 'Deployment "web" runs 1 replica(s) in production'),
  { ...finding("policy/image-digest", "info", "prod", resource("Deployment", "web"), "apps/web.yaml", 10, 'container "web" uses image "web:1.0" without a digest'), suppression: { kind: "waiver", reason: "pinned later", owner: "a@b.example", expires: "2099-01-01" } },
];

export function gateResult(root: string, overrides: Partial<GateResult> = {}): GateResult {
  const counts = { error: 3, warning: 1, info: 0, suppressed: 1, unchanged: 0 };
  return {
    tool: { name: "mergegate", version: "0.1.0", kustomize: null },
    render: { environments: [] },
    findings,
    verdict: {
      status: "fail",
      exitCode: 1,
      counts,
      environments: [
        { name: "dev", path: "dev", renderer: "plain", status: "fail", failOn: "error", counts: { error: 1, warning: 0, info: 0, suppressed: 0, unchanged: 0 }, skippedReason: null, sources: [], production: false },
        { name: "prod", path: "prod", renderer: "plain", status: "fail", failOn: "warning", counts: { error: 1, warning: 1, info: 0, suppressed: 1, unchanged: 0 }, skippedReason: null, sources: [], production: false },
      ],
      files: { status: "fail", failOn: "warning", counts: { error: 1, warning: 0, info: 0, suppressed: 0, unchanged: 0 } },
    },
    diff: null,
    redact: (text) => text,
    unusedBaseline: [],
    root,
    config: { version: 1 },
    ...overrides,
  };
}
