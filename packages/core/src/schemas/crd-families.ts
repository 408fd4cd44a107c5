// The CRD sets `mergegate schemas fetch` knows: which kinds each covers and where upstream publishes its CRDs.
// A file's `path` is its place in a mirror (the layout of ../shared/k8s-schemas), its `url` the upstream address.
import type { GroupVersionKind } from "./api-groups.js";

export interface CrdFile {
  path: string;
  url: string;
}

export interface CrdFamily {
  name: string;
  /** API groups of the family; `kinds` narrows a group shared by two families. */
  groups: readonly string[];
  kinds: readonly string[] | null;
  files: readonly CrdFile[];
}

const github = (repository: string, tag: string, file: string): string => `https://raw.githubusercontent.com/${repository}/${tag}/${file}`;

const files = (folder: string, repository: string, tag: string, upstreamFolder: string, names: string[]): CrdFile[] =>
  names.map((name) => ({ path: `crds/${folder}/${name}`, url: github(repository, tag, `${upstreamFolder}/${name}`) }));

export const crdFamilies: readonly CrdFamily[] = [
  {
    name: "argo-rollouts",
    groups: ["argoproj.io"],
    kinds: ["Rollout", "AnalysisTemplate", "ClusterAnalysisTemplate", "AnalysisRun", "Experiment"],
    files: files("argo-rollouts", "argoproj/argo-rollouts", "v1.9.1", "manifests/crds", [
      "rollout-crd.yaml",
      "analysis-template-crd.yaml",
      "cluster-analysis-template-crd.yaml",
      "analysis-run-crd.yaml",
      "experiment-crd.yaml",
    ]),
  },
  {
    name: "argo-cd",
    groups: ["argoproj.io"],
    kinds: ["Application", "ApplicationSet", "AppProject"],
    files: files("argo-cd", "argoproj/argo-cd", "v3.5.1", "manifests/crds", ["application-crd.yaml", "applicationset-crd.yaml", "appproject-crd.yaml"]),
  },
  {
    name: "flagger",
    groups: ["flagger.app"],
    kinds: null,
    files: [{ path: "crds/flagger/crd.yaml", url: github("fluxcd/flagger", "v1.44.0", "artifacts/flagger/crd.yaml") }],
  },
  {
    name: "flux",
    groups: ["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io"],
    kinds: null,
    files: [
      ...files("flux", "fluxcd/source-controller", "v1.9.1", "config/crd/bases", [
        "source.toolkit.fluxcd.io_buckets.yaml",
        "source.toolkit.fluxcd.io_externalartifacts.yaml",
        "source.toolkit.fluxcd.io_gitrepositories.yaml",
        "source.toolkit.fluxcd.io_helmcharts.yaml",
        "source.toolkit.fluxcd.io_helmrepositories.yaml",
        "source.toolkit.fluxcd.io_ocirepositories.yaml",
      ]),
      ...files("flux", "fluxcd/kustomize-controller", "v1.9.4", "config/crd/bases", ["kustomize.toolkit.fluxcd.io_kustomizations.yaml"]),
      ...files("flux", "fluxcd/helm-controller", "v1.6.3", "config/crd/bases", ["helm.toolkit.fluxcd.io_helmreleases.yaml"]),
    ],
  },
  {
    name: "cert-manager",
    groups: ["cert-manager.io", "acme.cert-manager.io"],
    kinds: null,
    files: files("cert-manager", "cert-manager/cert-manager", "v1.21.1", "deploy/crds", [
      "cert-manager.io_certificates.yaml",
      "cert-manager.io_certificaterequests.yaml",
      "cert-manager.io_issuers.yaml",
      "cert-manager.io_clusterissuers.yaml",
      "acme.cert-manager.io_orders.yaml",
      "acme.cert-manager.io_challenges.yaml",
    ]),
  },
  {
    name: "sealed-secrets",
    groups: ["bitnami.com"],
    kinds: null,
    files: [
      { path: "crds/sealed-secrets/bitnami.com_sealedsecrets.yaml", url: github("bitnami-labs/sealed-secrets", "v0.36.6", "helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml") },
    ],
  },
  {
    name: "external-secrets",
    groups: ["external-secrets.io", "generators.external-secrets.io"],
    kinds: null,
    files: [{ path: "crds/external-secrets/bundle.yaml", url: github("external-secrets/external-secrets", "v2.9.0", "deploy/crds/bundle.yaml") }],
  },
];

export function crdFamilyOf(gvk: GroupVersionKind): CrdFamily | null {
  return crdFamilies.find((family) => family.groups.includes(gvk.group) && (family.kinds === null || family.kinds.includes(gvk.kind))) ?? null;
}

export function crdFamilyNamed(name: string): CrdFamily | null {
  return crdFamilies.find((family) => family.name === name) ?? null;
}

/** Where upstream publishes the Kubernetes OpenAPI v2 spec of a release, and its place in a mirror. */
export function kubernetesSpecFile(kubernetesVersion: string): CrdFile {
  return {
    path: `openapi-v2/k8s-${kubernetesVersion}-swagger.json`,
    url: `https://raw.githubusercontent.com/kubernetes/kubernetes/release-${kubernetesVersion}/api/openapi-spec/swagger.json`,
  };
}
