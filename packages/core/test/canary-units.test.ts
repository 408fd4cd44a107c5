import { describe, expect, it } from "vitest";
import { durationProblem } from "../src/checks/canary/durations.js";
import { compareImages, compareVersions, parseImage } from "../src/checks/canary/images.js";

describe("image references", () => {
  it("split repository, tag and digest, dropping Docker Hub's implicit prefixes", () => {
    expect(parseImage("ghcr.io/acme/web:1.9.0")).toMatchObject({ repository: "ghcr.io/acme/web", tag: "1.9.0", digest: null });
    expect(parseImage("localhost:5000/web")).toMatchObject({ repository: "localhost:5000/web", tag: "latest", digest: null });
    expect(parseImage("docker.io/library/redis@sha256:abc")).toMatchObject({ repository: "redis", tag: null, digest: "sha256:abc" });
    expect(parseImage("redis:7@sha256:abc")).toMatchObject({ repository: "redis", tag: "7", digest: "sha256:abc" });
  });

  it("compare by repository, then digest when both have one, else tag; tag-only against digest-only is unverifiable", () => {
    const same = (left: string, right: string): string => compareImages(parseImage(left), parseImage(right));
    expect(same("web:1", "other:1")).toBe("different");
    expect(same("web:1@sha256:a", "web:2@sha256:a")).toBe("same");
    expect(same("web:1@sha256:a", "web:1")).toBe("same");
    expect(same("web:1@sha256:a", "web@sha256:a")).toBe("same");
    expect(same("web:1", "web:2")).toBe("different");
    expect(same("web:1", "web@sha256:a")).toBe("unverifiable");
  });

  it("order version tags numerically and refuse other tags", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("v2", "2.0.0")).toBe(0);
    expect(compareVersions("7.2.5-alpine", "7.2.6-alpine")).toBeLessThan(0);
    expect(compareVersions("latest", "1.0")).toBeNull();
  });
});

describe("pause durations", () => {
  it("accept seconds and Go durations, and reject the rest", () => {
    for (const valid of [0, 30, "30", "30s", "5m", "1h30m", "1.5h"]) expect(durationProblem(valid)).toBeNull();
    for (const invalid of [-1, 1.5, "5 minutes", "5d", "", true]) expect(durationProblem(invalid)).not.toBeNull();
  });
});
