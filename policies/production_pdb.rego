# METADATA
# title: PodDisruptionBudget for production workloads
# description: A replicated production workload has no PodDisruptionBudget selecting its pods.
# custom:
#   id: production-pdb
#   severity: warning
#   rationale: Without a PodDisruptionBudget a node drain can evict every replica at once.
#   fix: Add a PodDisruptionBudget (minAvailable or maxUnavailable) whose selector matches the pod template labels.
#   parameters: {}
package policies.production_pdb

import data.lib.workloads
import rego.v1

selects(selector, labels) if {
	count(selector) > 0
	every key, value in selector { labels[key] == value }
}

covered if {
	some selector in object.get(data.mergegate.index.pdbSelectors, workloads.namespace, [])
	selects(selector, workloads.pod_labels)
}

deny contains {"msg": sprintf("%s %q has no PodDisruptionBudget selecting its pods", [input.kind, input.metadata.name]), "path": ["metadata", "name"]} if {
	workloads.production
	input.kind in workloads.replicated_kinds
	not workloads.managed_by_controller
	not covered
}
