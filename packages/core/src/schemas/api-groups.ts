// Splitting apiVersion into group and version, and telling Kubernetes' own API groups from CRD groups.

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export function groupVersionKindOf(apiVersion: string, kind: string): GroupVersionKind {
  const slash = apiVersion.lastIndexOf("/");
  return slash === -1 ? { group: "", version: apiVersion, kind } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

export function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
}

export function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** API groups served by kube-apiserver itself (described by the Kubernetes OpenAPI spec), not by CRDs. */
const builtInGroups = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "extensions",
  "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

export function isBuiltInGroup(group: string): boolean {
  return builtInGroups.has(group);
}
