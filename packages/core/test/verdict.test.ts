import { describe, expect, it } from "vitest";
import { decide } from "../src/verdict/decide.js";
import type { EnvironmentRender, Finding, Severity } from "../src/types.js";

function envRender(name: string, failOn: EnvironmentRender["env"]["failOn"]): EnvironmentRender {
  return {
    env: { name, path: `overlays/${name}`, renderer: "kustomize", failOn, kubernetesVersion: null, progressive: false, production: false, units: [], sources: [], detectedBy: "config", kustomizeBuildOptions: [] },
    resources: [],
    kustomizations: [],
    failed: false,
    skippedReason: null,
    problems: [],
  };
}

function finding(env: string | null, severity: Severity, suppressed = false): Finding {
  return {
    check: "k8s",
    rule: "k8s/invalid-name",
    severity,
    message: "m",
    env,
    resource: null,
    location: null,
    path: null,
    help: null,
    fingerprint: "0",
    suppression: suppressed ? { kind: "waiver", reason: "r", owner: null, expires: null } : null,
  };
}

describe("verdict", () => {
  const renders = [envRender("dev", "error"), envRender("prod", "warning")];

  it("applies each environment's failOn", () => {
    const verdict = decide(renders, [finding("dev", "warning"), finding("prod", "info")], { failOn: null });
    expect(verdict.status).toBe("pass");
    expect(verdict.exitCode).toBe(0);
    const failing = decide(renders, [finding("prod", "warning")], { failOn: null });
    expect(failing.environments.map((env) => env.status)).toEqual(["pass", "fail"]);
    expect(failing.exitCode).toBe(1);
  });

  it("lets --fail-on override every environment", () => {
    expect(decide(renders, [finding("dev", "info")], { failOn: "info" }).status).toBe("fail");
    expect(decide(renders, [finding("prod", "error")], { failOn: "never" }).status).toBe("pass");
  });

  it("counts suppressed findings apart, and they do not fail the gate", () => {
    const verdict = decide(renders, [finding("prod", "error", true), finding(null, "info")], { failOn: null });
    expect(verdict.counts).toEqual({ error: 0, warning: 0, info: 1, suppressed: 1 });
    expect(verdict.status).toBe("pass");
  });

  it("judges file-level findings by the strictest environment", () => {
    expect(decide(renders, [finding(null, "warning")], { failOn: null }).status).toBe("fail");
    expect(decide([envRender("dev", "error")], [finding(null, "warning")], { failOn: null }).status).toBe("pass");
  });
});
