import { describe, expect, it } from "vitest";
import { decide } from "../src/verdict/decide.js";
import type { EnvironmentRender, Finding, Severity } from "../src/types.js";

function envRender(name: string, failOn: EnvironmentRender["env"]["failOn"], skippedReason: string | null = null): EnvironmentRender {
  return {
    env: { name, path: `overlays/${name}`, renderer: "kustomize", failOn, kubernetesVersion: null, progressive: false, production: false, units: [], sources: [], detectedBy: "config", kustomizeBuildOptions: [] },
    resources: [],
    kustomizations: [],
    failed: false,
    skippedReason,
    problems: [],
  };
}

function finding(env: string | null, severity: Severity, suppressed = false, baselineState: Finding["baselineState"] = null): Finding {
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
    baselineState,
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
    expect(verdict.counts).toEqual({ error: 0, warning: 0, info: 1, suppressed: 1, unchanged: 0 });
    expect(verdict.status).toBe("pass");
  });

  it("judges file-level findings by the strictest environment", () => {
    expect(decide(renders, [finding(null, "warning")], { failOn: null }).status).toBe("fail");
    expect(decide([envRender("dev", "error")], [finding(null, "warning")], { failOn: null }).status).toBe("pass");
  });

  it("counts unchanged findings (--new-only) apart, and they do not fail the gate; new ones do", () => {
    const verdict = decide(renders, [finding("prod", "error", false, "unchanged"), finding(null, "error", false, "unchanged")], { failOn: null });
    expect(verdict.counts).toEqual({ error: 0, warning: 0, info: 0, suppressed: 0, unchanged: 2 });
    expect(verdict.status).toBe("pass");
    expect(decide(renders, [finding("prod", "error", false, "unchanged"), finding("prod", "warning", false, "new")], { failOn: null }).status).toBe("fail");
  });

  it("gives a skipped environment the status skipped, and its findings never count", () => {
    const withSkipped = [envRender("dev", "error", "not affected by the change"), envRender("prod", "warning")];
    const verdict = decide(withSkipped, [finding("dev", "error")], { failOn: null });
    expect(verdict.environments.map((env) => [env.name, env.status, env.skippedReason])).toEqual([
      ["dev", "skipped", "not affected by the change"],
      ["prod", "pass", null],
    ]);
    expect(verdict.status).toBe("pass");
    expect(verdict.counts.error).toBe(0);
  });

  it("gives file-level findings their own entry: files fail when they alone fail the verdict", () => {
    const verdict = decide(renders, [finding(null, "error")], { failOn: null });
    expect(verdict.environments.map((env) => env.status)).toEqual(["pass", "pass"]);
    expect(verdict.files).toEqual({ status: "fail", failOn: "warning", counts: { error: 1, warning: 0, info: 0, suppressed: 0, unchanged: 0 } });
    expect(verdict.status).toBe("fail");
  });
});
