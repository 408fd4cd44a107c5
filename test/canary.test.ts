// canary/*: Argo Rollouts and Flagger fixtures (a failing and a passing form of each rule), progressive delivery, and promotion
// order in a two-commit git repo built from test/fixtures/canary/promotion.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules, runGate, type Finding } from "../packages/core/src/index.js";
import { gitRepo } from "./support/git-repo.js";
import { hasTool, projectRoot } from "./support/tools.js";

const fixtures = path.join(projectRoot, "test/fixtures/canary");
const canaryRules = rules.filter((rule) => rule.meta.id.startsWith("canary/"));

function short(finding: Finding): string {
  const file = (finding.location?.file ?? "").replace(/^test\/fixtures\/canary\/\w+\//, "");
  return `${finding.env ?? "-"} ${finding.rule} ${finding.severity} ${file}:${finding.location?.line ?? 0}`;
}

async function check(repo: string, base?: string): Promise<Finding[]> {
  const result = await runGate({ repo, rules: canaryRules, ...(base === undefined ? {} : { base }) });
  return result.findings;
}

/** A fixture folder as files for a temporary repo. */
function filesOf(folder: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, filesOf(folder, relative));
    else files[relative] = readFileSync(path.join(folder, relative), "utf8");
  }
  return files;
}

describe("Argo Rollouts rules", () => {
  it("report each failing Rollout once, under the rule it is named after, at the offending field", async () => {
    const found = (await check(path.join(fixtures, "rollouts"))).map(short);
    expect(found).toEqual([
      "failing canary/first-weight-too-high warning failing/first-weight-too-high.yaml:23",
      "failing canary/missing-analysis-arg error failing/missing-analysis-arg.yaml:26",
      "failing canary/missing-analysis-template error failing/missing-analysis-template.yaml:24",
      "failing canary/missing-pause error failing/missing-pause.yaml:24",
      "failing canary/missing-service error failing/missing-service.yaml:20",
      "failing canary/missing-traffic-target error failing/missing-traffic-target.yaml:27",
      "failing canary/missing-workload error failing/missing-workload.yaml:13",
      "failing canary/needs-traffic-routing error failing/needs-traffic-routing.yaml:23",
      "failing canary/pause-duration error failing/pause-duration.yaml:25",
      "failing canary/same-service error failing/same-service.yaml:21",
      "failing canary/selector-mismatch error failing/selector-mismatch.yaml:7",
      "failing canary/service-selector-mismatch error failing/service-selector-mismatch.yaml:8",
      "failing canary/set-weight-decreasing warning failing/set-weight-decreasing.yaml:25",
      "failing canary/set-weight-range error failing/set-weight-range.yaml:25",
      "failing canary/step-actions error failing/step-actions.yaml:23",
      "failing canary/surge-and-unavailable-zero error failing/surge-and-unavailable-zero.yaml:23",
      "failing canary/traffic-target-service error failing/traffic-target-service.yaml:25",
    ]);
  });

  it("cover every Argo Rollouts and Flagger rule with a failing and a passing fixture", () => {
    const fixtureRules = ["rollouts", "flagger"].flatMap((folder) => {
      const failing = readdirSync(path.join(fixtures, folder, "failing")).filter((file) => file !== "shared.yaml");
      expect(readdirSync(path.join(fixtures, folder, "passing")).filter((file) => file !== "shared.yaml")).toEqual(failing);
      return failing.map((file) => `canary/${file.replace(/\.yaml$/, "")}`);
    });
    const promotionAndProgressive = ["canary/progressive-required", "canary/promotion-order", "canary/promotion-unverifiable", "canary/promotion-simultaneous", "canary/promotion-unpromoted"];
    const ids = canaryRules.map((rule) => rule.meta.id).filter((id) => !promotionAndProgressive.includes(id));
    expect(fixtureRules.sort()).toEqual([...ids].sort());
  });

  it("give every rule a description and docs for `mergegate explain`", () => {
    for (const rule of canaryRules) {
      expect(rule.meta.id).toMatch(/^canary\/[a-z]+(-[a-z]+)*$/);
      expect(rule.meta.description.length).toBeGreaterThan(20);
      expect(rule.meta.docs.length).toBeGreaterThan(40);
    }
  });
});

describe("Flagger rules", () => {
  it("report each failing Canary once, under the rule it is named after, at the offending field", async () => {
    const found = (await check(path.join(fixtures, "flagger"))).map(short);
    expect(found).toEqual([
      "failing canary/flagger-analysis error failing/flagger-analysis.yaml:18",
      "failing canary/flagger-metric error failing/flagger-metric.yaml:23",
      "failing canary/flagger-missing-metric-template error failing/flagger-missing-metric-template.yaml:29",
      "failing canary/flagger-missing-target error failing/flagger-missing-target.yaml:10",
      "failing canary/flagger-service-port error failing/flagger-service-port.yaml:15",
      "failing canary/flagger-webhook-url error failing/flagger-webhook-url.yaml:34",
    ]);
  });
});

describe("canary/progressive-required", () => {
  it("with requireProgressive: always, reports the Deployment and StatefulSet no canary rolls out, and not those a Rollout or Flagger Canary targets", async () => {
    const found = (await check(path.join(fixtures, "progressive"))).map(short);
    expect(found).toEqual(["prod canary/progressive-required error prod/failing.yaml:3", "prod canary/progressive-required error prod/failing.yaml:14"]);
  });
});

describe.runIf(hasTool("git"))("canary/progressive-required against a base", () => {
  it("with requireProgressive: changed, is an error only for workloads the change adds or changes; without --base it lists them as info", async () => {
    const files = filesOf(path.join(fixtures, "progressive"));
    const config = (files["mergegate.yaml"] ?? "").replace("requireProgressive: always", "requireProgressive: changed");
    const repo = gitRepo({ ...files, "mergegate.yaml": config });
    try {
      repo.commit("base");
      repo.write({ "prod/failing.yaml": (files["prod/failing.yaml"] ?? "").replace("shop/checkout:1.0.0", "shop/checkout:1.1.0") });
      expect((await check(repo.root, "HEAD")).map(short)).toEqual(["prod canary/progressive-required error prod/failing.yaml:3"]);
      expect((await check(repo.root)).map((finding) => finding.severity)).toEqual(["info", "info"]);
    } finally {
      repo.remove();
    }
  });
});

describe.runIf(hasTool("git"))("promotion order (dev → staging → prod)", () => {
  const base = filesOf(path.join(fixtures, "promotion"));
  const withImage = (env: string, image: string): Record<string, string> => ({
    [`${env}/deployment.yaml`]: (base[`${env}/deployment.yaml`] ?? "").replace(/ghcr\.io\/acme\/api:\S+/, image),
  });

  async function checkChange(change: Record<string, string>): Promise<string[]> {
    const repo = gitRepo(base);
    try {
      repo.commit("base: dev 2.1.0, staging 2.0.0, prod 1.9.0");
      repo.git("checkout", "-q", "-b", "promote");
      repo.write(change);
      repo.commit("the change under review");
      return (await check(repo.root, "main")).map(short);
    } finally {
      repo.remove();
    }
  }

  it("passes a change that promotes the version staging runs to prod", async () => {
    expect(await checkChange(withImage("prod", "ghcr.io/acme/api:2.0.0"))).toEqual([]);
  });

  it("reports canary/promotion-order when prod gets a version staging runs neither in its base nor in the change", async () => {
    expect(await checkChange(withImage("prod", "ghcr.io/acme/api:2.1.0"))).toEqual(["prod canary/promotion-order error prod/deployment.yaml:11"]);
  });

  it("accepts a version the previous environment gets in the same change, with canary/promotion-simultaneous", async () => {
    expect(await checkChange({ ...withImage("staging", "ghcr.io/acme/api:2.1.0"), ...withImage("prod", "ghcr.io/acme/api:2.1.0") })).toEqual([
      "prod canary/promotion-simultaneous warning prod/deployment.yaml:11",
    ]);
  });

  it("reports a digest-only image against a tag-only one as canary/promotion-unverifiable, and matches tag@digest on either", async () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(await checkChange(withImage("prod", `ghcr.io/acme/api@${digest}`))).toEqual(["prod canary/promotion-unverifiable info prod/deployment.yaml:11"]);
    expect(await checkChange(withImage("prod", `ghcr.io/acme/api:2.0.0@${digest}`))).toEqual([]);
  });
});

describe("canary/promotion-unpromoted (without --base)", () => {
  it("reports a prod version that no lower environment runs or has moved past, and accepts older released versions", async () => {
    const files = filesOf(path.join(fixtures, "promotion"));
    const repoFindings = async (prodImage: string): Promise<string[]> => {
      const repo = gitRepo({ ...files, "prod/deployment.yaml": (files["prod/deployment.yaml"] ?? "").replace("ghcr.io/acme/api:1.9.0", prodImage) });
      try {
        return (await check(repo.root)).map(short);
      } finally {
        repo.remove();
      }
    };
    expect(await repoFindings("ghcr.io/acme/api:1.9.0")).toEqual([]);
    expect(await repoFindings("ghcr.io/acme/api:2.2.0")).toEqual(["prod canary/promotion-unpromoted warning prod/deployment.yaml:11"]);
  });

  it("compares every production environment of the chain with the non-production ones, by the one production predicate", async () => {
    const files = filesOf(path.join(fixtures, "promotion"));
    const config = (files["mergegate.yaml"] ?? "").replace("    progressive: false\n", "    progressive: false\n  staging-live:\n    path: staging\n    renderer: plain\n    production: true\n");
    const repo = gitRepo({
      ...files,
      "mergegate.yaml": config.replace("promotion: [dev, staging, prod]", "promotion: [dev, staging-live, prod]"),
      "staging/deployment.yaml": (files["staging/deployment.yaml"] ?? "").replace("ghcr.io/acme/api:2.0.0", "ghcr.io/acme/api:2.2.0"),
      "prod/deployment.yaml": (files["prod/deployment.yaml"] ?? "").replace("ghcr.io/acme/api:1.9.0", "ghcr.io/acme/api:2.2.0"),
    });
    try {
      const found = (await check(repo.root)).map(short).filter((line) => line.includes("promotion-unpromoted"));
      // staging-live is production too, so running 2.2.0 there does not count as promotion for prod: both are compared with dev.
      expect(found).toEqual(["prod canary/promotion-unpromoted warning prod/deployment.yaml:11", "staging-live canary/promotion-unpromoted warning staging/deployment.yaml:11"]);
    } finally {
      repo.remove();
    }
  });
});
