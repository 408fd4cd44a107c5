# METADATA
# title: Services select workloads
# description: A Service's selector matches no workload's pods in its namespace (Argo Rollouts and Flagger-managed Deployments count).
# custom:
#   id: service-selector-matches
#   severity: warning
#   rationale: "A Service that selects nothing has no endpoints: its clients get connection errors."
#   fix: Fix the selector (or the pod template labels) so it matches the workload the Service fronts.
#   parameters: {}
package policies.service_selector_matches

import data.lib.workloads
import rego.v1

selects(selector, labels) if {
	every key, value in selector { labels[key] == value }
}

deny contains {"msg": sprintf("Service %q selects %v, which matches no workload in namespace %q", [input.metadata.name, selector, workloads.namespace]), "path": ["spec", "selector"]} if {
	input.kind == "Service"
	selector := input.spec.selector
	count(selector) > 0
	not any_match(selector)
}

# One lookup among the subsets of the namespace's pod labels (see index.podLabelSubsets), not a scan of its pods.
any_match(selector) if {
	indexed(selector)
	data.mergegate.index.podLabelSubsets[workloads.namespace][selector_key(selector)]
}

any_match(selector) if {
	not indexed(selector)
	some labels in object.get(data.mergegate.index.podLabels, workloads.namespace, [])
	selects(selector, labels)
}

indexed(selector) if {
	data.mergegate.index.podLabelSubsets[workloads.namespace]
	every key, value in selector {
		is_string(value)
		workloads.plain_label_text(key)
		workloads.plain_label_text(value)
	}
}

selector_key(selector) := concat(",", sort([sprintf("%s=%s", [key, value]) | some key, value in selector]))
