// The schema check end to end: `schemas fetch` and on-demand downloads (of a Kubernetes release the package does not
// ship) from a local mirror (never the internet),
// the cache they fill, and the real environment repos validated against Kubernetes 1.33 and the shared CRDs.
import { execFile } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { binPath } from "./support/cli.js";
import { writeRepo, type TempRepo } from "./support/temp-repo.js";
import { hasShared, hasTool, sharedRoot } from "./support/tools.js";

const schemasRoot = path.join(sharedRoot, "k8s-schemas");
const available = hasShared() && existsSync(schemasRoot);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, so the mirror below can answer it. */
function run(args: string[], environment: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binPath, ...args], { env: { ...process.env, NO_COLOR: "1", ...environment }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 2, stdout, stderr });
    });
  });
}

/** A mirror of ../shared/k8s-schemas on 127.0.0.1, counting requests; paths under /missing/ answer 404. */
function startMirror(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    requests.push(url);
    const file = path.join(schemasRoot, decodeURIComponent(url));
    if (url.startsWith("/missing/") || !file.startsWith(schemasRoot) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200);
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

const typo = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 2\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n";
const rollout = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  strategy:\n    canary:\n      stepz: []\n";

interface JsonReport {
  findings: { rule: string; severity: string; message: string; location: { file: string; line: number } | null }[];
}

const schemaFindings = (stdout: string): string[] =>
  (JSON.parse(stdout) as JsonReport).findings.filter((finding) => finding.rule.startsWith("schema/")).map((finding) => `${finding.rule} ${finding.location?.file ?? "-"}:${finding.location?.line ?? 0}`);

describe.runIf(available)("schema downloads from a local mirror", () => {
  let mirror: Awaited<ReturnType<typeof startMirror>>;
  let cache: string;
  let repo: TempRepo;
  beforeAll(async () => {
    mirror = await startMirror();
  });
  afterAll(() => mirror.server.close());
  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    repo.remove();
  });
  const fresh = (): void => {
    cache = mkdtempSync(path.join(os.tmpdir(), "mergegate-schema-cache-"));
    repo = writeRepo({ "deploy.yaml": typo, "rollout.yaml": rollout });
  };

  it("`schemas fetch` fills the cache once, and an offline check then validates from it", async () => {
    fresh();
    const fetched = await run(["schemas", "fetch", "--kubernetes-version", "1.29", "--crds", "argo-rollouts", "--mirror", mirror.url], { XDG_CACHE_HOME: cache });
    expect(fetched.stderr).toBe("");
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toContain(`Kubernetes 1.29 OpenAPI spec: ${path.join(cache, "mergegate/schemas/kubernetes/1.29/swagger.json")}`);
    expect(readdirSync(path.join(cache, "mergegate/schemas/crds/argo-rollouts")).sort()).toEqual([
      "analysis-run-crd.yaml",
      "analysis-template-crd.yaml",
      "cluster-analysis-template-crd.yaml",
      "experiment-crd.yaml",
      "rollout-crd.yaml",
    ]);
    const requestsAfterFetch = mirror.requests.length;
    expect((await run(["schemas", "fetch", "--kubernetes-version", "1.29", "--crds", "argo-rollouts", "--mirror", mirror.url], { XDG_CACHE_HOME: cache })).code).toBe(0);
    expect(mirror.requests.length).toBe(requestsAfterFetch);
    const check = await run(["check", repo.root, "--kubernetes-version", "1.29", "--offline", "--format", "json"], { XDG_CACHE_HOME: cache });
    expect(check.stderr).toBe("");
    expect(schemaFindings(check.stdout)).toEqual(["schema/unknown-field deploy.yaml:6", "schema/unknown-field rollout.yaml:8"]);
  });

  it("`check` downloads missing schemas on demand unless offline", async () => {
    fresh();
    const online = { XDG_CACHE_HOME: cache, MERGEGATE_OFFLINE: "", MERGEGATE_SCHEMA_MIRROR: mirror.url };
    const offline = await run(["check", repo.root, "--kubernetes-version", "1.29", "--offline", "--format", "json"], online);
    // the Rollout's CRD is shipped in the package; Kubernetes 1.29 is not
    expect(schemaFindings(offline.stdout)).toEqual(["schema/no-source -:0", "schema/unknown-field rollout.yaml:8"]);
    expect(existsSync(path.join(cache, "mergegate/schemas"))).toBe(false);
    const check = await run(["check", repo.root, "--kubernetes-version", "1.29", "--format", "json"], online);
    expect(check.stderr).toBe("");
    expect(schemaFindings(check.stdout)).toEqual(["schema/unknown-field deploy.yaml:6", "schema/unknown-field rollout.yaml:8"]);
    expect(existsSync(path.join(cache, "mergegate/schemas/kubernetes/1.29/swagger.json"))).toBe(true);
  });

  it("turns a failed download into one info finding, never a crash", async () => {
    fresh();
    const check = await run(["check", repo.root, "--kubernetes-version", "1.29", "--format", "json"], { XDG_CACHE_HOME: cache, MERGEGATE_OFFLINE: "", MERGEGATE_SCHEMA_MIRROR: `${mirror.url}/missing` });
    expect(check.stderr).toBe("");
    expect(check.code).not.toBe(2); // a verdict (other checks judge these objects too), never a gate error
    const findings = (JSON.parse(check.stdout) as JsonReport).findings.filter((finding) => finding.rule.startsWith("schema/") && finding.rule !== "schema/unknown-field");
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([["schema/no-source", "info"]]);
    expect(findings[0]?.message).toMatch(/schema download failed: http:\/\/127\.0\.0\.1:\d+\/missing\/openapi-v2\/k8s-1\.29-swagger\.json: HTTP 404/);
    // the next run (a commit hook, say) does not wait for the same failure again for an hour
    const requestsBefore = mirror.requests.length;
    const again = await run(["check", repo.root, "--kubernetes-version", "1.29", "--format", "json"], { XDG_CACHE_HOME: cache, MERGEGATE_OFFLINE: "", MERGEGATE_SCHEMA_MIRROR: `${mirror.url}/missing` });
    expect(mirror.requests.length).toBe(requestsBefore);
    const remembered = (JSON.parse(again.stdout) as JsonReport).findings.filter((finding) => finding.rule.startsWith("schema/") && finding.rule !== "schema/unknown-field");
    expect(remembered.map((finding) => [finding.rule, finding.severity])).toEqual([["schema/no-source", "info"]]);
    expect(remembered[0]?.message).toMatch(/HTTP 404 \(at \d{4}-\d\d-\d\d \d\d:\d\d UTC; not retried for an hour: run `mergegate schemas fetch` to try now\)/);
    const fetch = await run(["schemas", "fetch", "--crds", "flux", "--mirror", `${mirror.url}/missing`], { XDG_CACHE_HOME: cache });
    expect(fetch.code).toBe(2);
    expect(fetch.stderr).toMatch(/^mergegate: schema download failed: .*HTTP 404\n$/);
  });

  it("rejects an unknown CRD set and a malformed version with exit 2", async () => {
    fresh();
    expect((await run(["schemas", "fetch", "--crds", "istio", "--mirror", mirror.url], { XDG_CACHE_HOME: cache })).stderr).toMatch(/^mergegate: unknown CRD set "istio" \(known: argo-rollouts, /);
    expect((await run(["check", repo.root, "--kubernetes-version", "latest"], { XDG_CACHE_HOME: cache })).code).toBe(2);
  });
});

/** Kinds in the env repos with no CRD in the repo or in ../shared/k8s-schemas: a warning, never an error. */
const kindsWithoutCrd = [
  "source.extensions.fluxcd.io/v1beta1 ArtifactGenerator", // flux2-kustomize-helm-example: a Flux extension whose CRD is not in the shared set
  "networking.istio.io/v1alpha3 ServiceEntry", // microservices-demo's Istio and Gateway API components: no CRDs shared
  "networking.istio.io/v1alpha3 VirtualService",
  "gateway.networking.k8s.io/v1beta1 Gateway",
  "gateway.networking.k8s.io/v1beta1 HTTPRoute",
  "gateway.networking.k8s.io/v1 GatewayClass", // flux2-kustomize-helm-example's infrastructure, now rendered per cluster: no Gateway API CRDs shared
  "gateway.networking.k8s.io/v1 Gateway",
  "source.toolkit.fluxcd.io/v1beta2 HelmRepository", // flux2-hub-spoke-example: older Flux API versions that the shared CRDs no longer serve
  "helm.toolkit.fluxcd.io/v2beta2 HelmRelease",
];

describe.runIf(available && hasTool("kubectl"))("the real environment repos against Kubernetes 1.33", () => {
  const repos = available ? readdirSync(path.join(sharedRoot, "env-repos"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
  const locations = ["--schema-location", path.join(schemasRoot, "openapi-v2/k8s-1.33-swagger.json"), "--schema-location", path.join(schemasRoot, "crds")];

  it.each(repos)("%s has no schema error, and unknown kinds only where no CRD exists", async (repo) => {
    const check = await run(["check", path.join(sharedRoot, "env-repos", repo), "--offline", "--kubernetes-version", "1.33", ...locations, "--format", "json"], {});
    expect(check.stderr).toBe("");
    const findings = (JSON.parse(check.stdout) as JsonReport).findings.filter((finding) => finding.rule.startsWith("schema/"));
    expect(findings.filter((finding) => finding.rule !== "schema/unknown-kind")).toEqual([]);
    for (const finding of findings) expect(kindsWithoutCrd.some((kind) => finding.message.includes(` ${kind}:`) || finding.message.includes(` ${kind} in `)), finding.message).toBe(true);
  });
});
