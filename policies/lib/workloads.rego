# Helpers for the built-in library: what a workload is (Rollouts included), its pod spec and containers, with paths.
package lib.workloads

import rego.v1

# Kinds whose objects run pods from a template at spec.template (Argo Rollouts among them).
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Rollout"}

# Kinds that keep pods running (probes, replicas and disruption budgets apply).
long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"}

# Kinds whose replica count matters for availability.
replicated_kinds := {"Deployment", "StatefulSet", "Rollout"}

is_workload if input.kind in template_kinds
is_workload if input.kind in {"CronJob", "Pod"}

pod_path := ["spec", "template", "spec"] if input.kind in template_kinds
pod_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.kind == "CronJob"
pod_path := ["spec"] if input.kind == "Pod"

pod_spec := object.get(input, pod_path, null)

# A Rollout with a workloadRef runs the referenced workload's pod template.
pod_labels := referenced_template_labels if input.spec.workloadRef

pod_labels := object.get(input, array.concat(array.slice(pod_path, 0, count(pod_path) - 1), ["metadata", "labels"]), {}) if {
	not input.spec.workloadRef
}

referenced_template_labels := object.get(referenced, ["spec", "template", "metadata", "labels"], {}) if {
	ref := input.spec.workloadRef
	some referenced in data.mergegate.resources
	referenced.kind == object.get(ref, "kind", "Deployment")
	referenced.metadata.name == ref.name
	object.get(referenced.metadata, "namespace", "") == namespace
}

# Every container with its path: [container, ["spec", ..., "containers", 0]].
all_containers contains [container, path] if {
	some field in {"containers", "initContainers", "ephemeralContainers"}
	some index, container in object.get(pod_spec, field, [])
	path := array.concat(pod_path, [field, index])
}

# Containers that run for the pod's lifetime (no init or ephemeral containers).
main_containers contains [container, path] if {
	some index, container in object.get(pod_spec, "containers", [])
	path := array.concat(pod_path, ["containers", index])
}

# A Deployment scaled by an Argo Rollout's workloadRef or a Flagger Canary: the controller owns its replicas.
managed_by_controller if data.mergegate.index.controlledWorkloads[concat("/", [namespace, input.kind, input.metadata.name])]

namespace := object.get(input.metadata, "namespace", "")

# A label key or value of the characters the label indexes hold only (labelText in context-data.ts), tested without a
# regular expression (the first one loads RE2's WebAssembly, ~250 ms): trimming every such character leaves nothing.
plain_label_text(text) if trim(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-") == ""

production if data.mergegate.production

parameters(id) := object.get(object.get(data.mergegate, "parameters", {}), id, {})
