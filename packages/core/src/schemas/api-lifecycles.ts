// The lifecycle of Kubernetes' built-in API versions: when each was deprecated and removed, and what replaces it.
// One table for the schema check (removed APIs) and for policies that warn about deprecated-but-served ones.
import { isAtLeast } from "./kubernetes-version.js";

export interface ApiLifecycle {
  /** group/version as written in apiVersion ("policy/v1beta1"). */
  apiVersion: string;
  /** The kinds this entry covers. */
  kinds: readonly string[];
  /** First release that marks it deprecated, or null. */
  deprecatedIn: string | null;
  /** First release that no longer serves it, or null while it is still served. */
  removedIn: string | null;
  /** The apiVersion to use instead, or null when the API was dropped without a successor. */
  replacement: string | null;
}

const entry = (apiVersion: string, kinds: string[], deprecatedIn: string | null, removedIn: string | null, replacement: string | null): ApiLifecycle => ({
  apiVersion,
  kinds,
  deprecatedIn,
  removedIn,
  replacement,
});

export const apiLifecycles: readonly ApiLifecycle[] = [
  entry("extensions/v1beta1", ["Deployment", "DaemonSet", "ReplicaSet"], "1.9", "1.16", "apps/v1"),
  entry("extensions/v1beta1", ["NetworkPolicy"], "1.9", "1.16", "networking.k8s.io/v1"),
  entry("extensions/v1beta1", ["PodSecurityPolicy"], "1.11", "1.16", null),
  entry("extensions/v1beta1", ["Ingress"], "1.14", "1.22", "networking.k8s.io/v1"),
  entry("apps/v1beta1", ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "ControllerRevision"], "1.9", "1.16", "apps/v1"),
  entry("apps/v1beta2", ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "ControllerRevision"], "1.9", "1.16", "apps/v1"),
  entry("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], "1.19", "1.22", "networking.k8s.io/v1"),
  entry("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], "1.16", "1.22", "admissionregistration.k8s.io/v1"),
  entry("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], "1.16", "1.22", "apiextensions.k8s.io/v1"),
  entry("apiregistration.k8s.io/v1beta1", ["APIService"], "1.19", "1.22", "apiregistration.k8s.io/v1"),
  entry("authentication.k8s.io/v1beta1", ["TokenReview"], "1.19", "1.22", "authentication.k8s.io/v1"),
  entry("authorization.k8s.io/v1beta1", ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview"], "1.19", "1.22", "authorization.k8s.io/v1"),
  entry("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], "1.19", "1.22", "certificates.k8s.io/v1"),
  entry("coordination.k8s.io/v1beta1", ["Lease"], "1.19", "1.22", "coordination.k8s.io/v1"),
  entry("rbac.authorization.k8s.io/v1beta1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
  entry("rbac.authorization.k8s.io/v1alpha1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
  entry("scheduling.k8s.io/v1beta1", ["PriorityClass"], "1.14", "1.22", "scheduling.k8s.io/v1"),
  entry("scheduling.k8s.io/v1alpha1", ["PriorityClass"], "1.14", "1.17", "scheduling.k8s.io/v1"),
  entry("storage.k8s.io/v1beta1", ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"], "1.19", "1.22", "storage.k8s.io/v1"),
  entry("batch/v1beta1", ["CronJob"], "1.21", "1.25", "batch/v1"),
  entry("discovery.k8s.io/v1beta1", ["EndpointSlice"], "1.21", "1.25", "discovery.k8s.io/v1"),
  entry("events.k8s.io/v1beta1", ["Event"], "1.21", "1.25", "events.k8s.io/v1"),
  entry("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], "1.22", "1.25", "autoscaling/v2"),
  entry("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], "1.23", "1.26", "autoscaling/v2"),
  entry("policy/v1beta1", ["PodDisruptionBudget"], "1.21", "1.25", "policy/v1"),
  entry("policy/v1beta1", ["PodSecurityPolicy"], "1.21", "1.25", null),
  entry("node.k8s.io/v1beta1", ["RuntimeClass"], "1.20", "1.25", "node.k8s.io/v1"),
  entry("flowcontrol.apiserver.k8s.io/v1beta1", ["FlowSchema", "PriorityLevelConfiguration"], "1.23", "1.26", "flowcontrol.apiserver.k8s.io/v1"),
  entry("flowcontrol.apiserver.k8s.io/v1beta2", ["FlowSchema", "PriorityLevelConfiguration"], "1.26", "1.29", "flowcontrol.apiserver.k8s.io/v1"),
  entry("flowcontrol.apiserver.k8s.io/v1beta3", ["FlowSchema", "PriorityLevelConfiguration"], "1.29", "1.32", "flowcontrol.apiserver.k8s.io/v1"),
  entry("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], "1.24", "1.27", "storage.k8s.io/v1"),
  entry("networking.k8s.io/v1alpha1", ["ClusterCIDR"], null, "1.29", null),
  entry("admissionregistration.k8s.io/v1beta1", ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"], "1.30", null, "admissionregistration.k8s.io/v1"),
];

export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | null {
  return apiLifecycles.find((lifecycle) => lifecycle.apiVersion === apiVersion && lifecycle.kinds.includes(kind)) ?? null;
}

/** True when `kubernetesVersion` no longer serves apiVersion/kind. */
export function isRemoved(lifecycle: ApiLifecycle, kubernetesVersion: string): boolean {
  return lifecycle.removedIn !== null && isAtLeast(kubernetesVersion, lifecycle.removedIn);
}

/** True when `kubernetesVersion` still serves apiVersion/kind but marks it deprecated. */
export function isDeprecated(lifecycle: ApiLifecycle, kubernetesVersion: string): boolean {
  return lifecycle.deprecatedIn !== null && isAtLeast(kubernetesVersion, lifecycle.deprecatedIn) && !isRemoved(lifecycle, kubernetesVersion);
}
