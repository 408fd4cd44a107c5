// mergegate on real public environment repos (../shared/env-repos): a verdict every time, never a crash or a gate error.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { mergegate } from "./support/cli.js";
import { hasShared, hasTool, sharedRoot } from "./support/tools.js";

const available = hasShared() && hasTool("kubectl");
const repos = available ? readdirSync(path.join(sharedRoot, "env-repos"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];

interface JsonReport {
  verdict: { exitCode: number };
  environments: { name: string; path: string; sources: string[] }[];
  findings: { rule: string; env: string | null; location: { file: string; line: number } | null }[];
}

describe.runIf(available)("real environment repos", () => {
  it("has the four repos", () => {
    expect(repos).toEqual(expect.arrayContaining(["argo-rollouts", "flux2-kustomize-helm-example", "microservices-demo", "podinfo"]));
  });

  it.each(repos)("%s ends with a verdict (exit 0 or 1)", (repo) => {
    const run = mergegate(["check", path.join(sharedRoot, "env-repos", repo), "--format", "json"]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.verdict.exitCode).toBe(run.code);
    expect(report.environments.length).toBeGreaterThan(0);
  });

  it("podinfo's overlays, whose bases use absent generator files, show render/failed at the generator entry", () => {
    const run = mergegate(["check", path.join(sharedRoot, "env-repos", "podinfo"), "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const failed = report.findings.filter((finding) => finding.rule === "render/failed");
    expect(failed.map((finding) => finding.env).sort()).toEqual(["dev", "production", "staging"]);
    for (const finding of failed) expect(finding.location?.file).toMatch(/^deploy\/bases\/\w+\/kustomization\.yaml$/);
    expect(run.code).toBe(1);
  });

  const expected: Record<string, string[]> = {
    "argo-rollouts": ["notifications"],
    "flux2-hub-spoke-example": ["hub", "production", "staging"],
    "flux2-kustomize-helm-example": ["production", "staging"],
    "microservices-demo": ["kubernetes-manifests", "kustomize", "memorystore-with-all-components", "service-mesh-istio-with-all-components", "spanner-with-all-components"],
    podinfo: ["dev", "production", "staging"],
  };

  it.each(repos.filter((repo) => repo in expected))("%s has the environments a human would name", (repo) => {
    const report = JSON.parse(mergegate(["check", path.join(sharedRoot, "env-repos", repo), "--format", "json"]).stdout) as JsonReport;
    expect(report.environments.map((env) => env.name).sort()).toEqual([...(expected[repo] ?? [])].sort());
  });

  it.each(repos)("%s: every manifest is rendered or reported as uncovered, and only a repo with nothing else renders its root", (repo) => {
    const root = path.join(sharedRoot, "env-repos", repo);
    const report = JSON.parse(mergegate(["check", root, "--format", "json"]).stdout) as JsonReport;
    if (report.environments.length > 1) expect(report.environments.map((env) => env.path)).not.toContain(".");
    const read = new Set(report.environments.flatMap((env) => env.sources));
    const reported = new Set(report.findings.filter((finding) => finding.rule === "render/uncovered").map((finding) => path.posix.dirname(finding.location?.file ?? "")));
    const unaccounted = manifests(root).filter((file) => !read.has(file) && !reported.has(path.posix.dirname(file)));
    expect(unaccounted).toEqual([]);
  });
});

/** YAML files with a document that has apiVersion and kind, outside Helm charts and .github. */
function manifests(root: string): string[] {
  const files = (readdirSync(root, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  const charts = files.filter((file) => path.posix.basename(file) === "Chart.yaml").map((file) => path.posix.dirname(file));
  return files.filter((file) => {
    if (file.startsWith(".github/") || charts.some((chart) => file.startsWith(chart + "/"))) return false;
    if (/(^|\/)(kustomization\.ya?ml|values[^/]*\.ya?ml|mergegate\.yaml)$/.test(file)) return false;
    const documents = parseAllDocuments(readFileSync(path.join(root, file), "utf8"));
    return (Array.isArray(documents) ? documents : []).some((document) => {
      const value: unknown = document.toJS();
      return typeof value === "object" && value !== null && "apiVersion" in value && "kind" in value;
    });
  });
}
