# METADATA
# title: No hostNetwork
# description: "A pod shares the node's network namespace (hostNetwork: true)."
# custom:
#   id: no-host-network
#   severity: error
#   rationale: Sharing the node's network namespace lets the pod see and reach the node's processes or traffic.
#   fix: Remove hostNetwork from the pod spec.
#   parameters: {}
package policies.no_host_network

import data.lib.workloads
import rego.v1

deny contains {"msg": "the pod sets hostNetwork: true", "path": array.concat(workloads.pod_path, ["hostNetwork"])} if {
	workloads.pod_spec.hostNetwork == true
}
