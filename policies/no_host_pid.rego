# METADATA
# title: No hostPID
# description: "A pod shares the node's pid namespace (hostPID: true)."
# custom:
#   id: no-host-pid
#   severity: error
#   rationale: Sharing the node's pid namespace lets the pod see and reach the node's processes or traffic.
#   fix: Remove hostPID from the pod spec.
#   parameters: {}
package policies.no_host_pid

import data.lib.workloads
import rego.v1

deny contains {"msg": "the pod sets hostPID: true", "path": array.concat(workloads.pod_path, ["hostPID"])} if {
	workloads.pod_spec.hostPID == true
}
