// Allowed values of well-known Kubernetes fields that the upstream OpenAPI spec leaves as plain strings.
// Keyed by "<api package>.<Definition>" (the definition name without io.k8s.api. and its version), then field.

const protocols = ["TCP", "UDP", "SCTP"];

export const enumOverlay: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  "core.Container": { imagePullPolicy: ["Always", "IfNotPresent", "Never"], terminationMessagePolicy: ["File", "FallbackToLogsOnError"] },
  "core.EphemeralContainer": { imagePullPolicy: ["Always", "IfNotPresent", "Never"], terminationMessagePolicy: ["File", "FallbackToLogsOnError"] },
  "core.PodSpec": {
    restartPolicy: ["Always", "OnFailure", "Never"],
    dnsPolicy: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    preemptionPolicy: ["PreemptLowerPriority", "Never"],
  },
  "core.ContainerPort": { protocol: protocols },
  "core.ServicePort": { protocol: protocols },
  "core.EndpointPort": { protocol: protocols },
  "core.ServiceSpec": {
    type: ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
    sessionAffinity: ["ClientIP", "None"],
    externalTrafficPolicy: ["Cluster", "Local"],
    internalTrafficPolicy: ["Cluster", "Local"],
    ipFamilyPolicy: ["SingleStack", "PreferDualStack", "RequireDualStack"],
  },
  "core.Toleration": { operator: ["Exists", "Equal"], effect: ["NoSchedule", "PreferNoSchedule", "NoExecute"] },
  "core.Taint": { effect: ["NoSchedule", "PreferNoSchedule", "NoExecute"] },
  "core.HTTPGetAction": { scheme: ["HTTP", "HTTPS"] },
  "core.PersistentVolumeClaimSpec": { accessModes: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"], volumeMode: ["Filesystem", "Block"] },
  "core.PersistentVolumeSpec": {
    accessModes: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"],
    volumeMode: ["Filesystem", "Block"],
    persistentVolumeReclaimPolicy: ["Retain", "Delete", "Recycle"],
  },
  "core.TopologySpreadConstraint": { whenUnsatisfiable: ["DoNotSchedule", "ScheduleAnyway"] },
  "core.NodeSelectorRequirement": { operator: ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] },
  "apps.DeploymentStrategy": { type: ["Recreate", "RollingUpdate"] },
  "apps.StatefulSetSpec": { podManagementPolicy: ["OrderedReady", "Parallel"] },
  "apps.StatefulSetUpdateStrategy": { type: ["RollingUpdate", "OnDelete"] },
  "apps.DaemonSetUpdateStrategy": { type: ["RollingUpdate", "OnDelete"] },
  "batch.CronJobSpec": { concurrencyPolicy: ["Allow", "Forbid", "Replace"] },
  "batch.JobSpec": { completionMode: ["NonIndexed", "Indexed"] },
  "networking.NetworkPolicyPort": { protocol: protocols },
  "networking.NetworkPolicySpec": { policyTypes: ["Ingress", "Egress"] },
  "networking.HTTPIngressPath": { pathType: ["Exact", "Prefix", "ImplementationSpecific"] },
  "meta.LabelSelectorRequirement": { operator: ["In", "NotIn", "Exists", "DoesNotExist"] },
  "autoscaling.MetricTarget": { type: ["Utilization", "Value", "AverageValue"] },
  "autoscaling.MetricSpec": { type: ["ContainerResource", "External", "Object", "Pods", "Resource"] },
};

/** The overlay key of an OpenAPI definition name: io.k8s.api.core.v1.Container → core.Container. */
export function overlayKeyOf(definitionName: string): string | null {
  const match = /^io\.k8s\.(?:api\.([a-z0-9]+)|apimachinery\.pkg\.apis\.(meta))\.v[0-9a-z]+\.([A-Za-z0-9]+)$/.exec(definitionName);
  if (match === null) return null;
  return `${match[1] ?? match[2]}.${match[3]}`;
}

export function overlayFor(definitionName: string | null): Readonly<Record<string, readonly string[]>> | null {
  const key = definitionName === null ? null : overlayKeyOf(definitionName);
  return key === null ? null : (enumOverlay[key] ?? null);
}
