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

# A lookup of each subset of the pod labels among the namespace's budget selectors (index.pdbSelectorKeys), when
# both are plain label strings; else a scan of the budgets.
covered if {
	indexed
	keys := data.mergegate.index.pdbSelectorKeys[workloads.namespace]
	texts := sort([sprintf("%s=%s", [key, value]) | some key, value in workloads.pod_labels])
	some mask in numbers.range(1, bits.lsh(1, count(texts)) - 1)
	keys[concat(",", [text | some index, text in texts; bits.and(mask, bits.lsh(1, index)) != 0])]
}

covered if {
	not indexed
	some selector in object.get(data.mergegate.index.pdbSelectors, workloads.namespace, [])
	selects(selector, workloads.pod_labels)
}

indexed if {
	data.mergegate.index.pdbSelectorKeys[workloads.namespace]
	count(workloads.pod_labels) <= 8
	every key, value in workloads.pod_labels {
		is_string(value)
		workloads.plain_label_text(key)
		workloads.plain_label_text(value)
	}
}

deny contains {"msg": sprintf("%s %q has no PodDisruptionBudget selecting its pods", [input.kind, input.metadata.name]), "path": ["metadata", "name"]} if {
	workloads.production
	input.kind in workloads.replicated_kinds
	not workloads.managed_by_controller
	not covered
}
