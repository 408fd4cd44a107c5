# METADATA
# title: NetworkPolicy per namespace
# description: A namespace runs workloads but no NetworkPolicy in the environment applies to it.
# custom:
#   id: network-policy
#   severity: warning
#   rationale: Without a NetworkPolicy every pod in the namespace accepts traffic from every pod in the cluster.
#   fix: Add a NetworkPolicy to the namespace (a default deny plus the allowed flows).
#   parameters: {}
package policies.network_policy

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("namespace %q runs workloads but has no NetworkPolicy", [workloads.namespace]), "path": ["metadata", "namespace"]} if {
	workloads.is_workload
	workloads.namespace != ""
	data.mergegate.index.firstWorkload[workloads.namespace] == sprintf("%s/%s", [input.kind, input.metadata.name])
	not workloads.namespace in data.mergegate.index.networkPolicyNamespaces
}
