# METADATA
# title: No hostIPC
# description: "A pod shares the node's ipc namespace (hostIPC: true)."
# custom:
#   id: no-host-ipc
#   severity: error
#   rationale: Sharing the node's ipc namespace lets the pod see and reach the node's processes or traffic.
#   fix: Remove hostIPC from the pod spec.
#   parameters: {}
package policies.no_host_ipc

import data.lib.workloads
import rego.v1

deny contains {"msg": "the pod sets hostIPC: true", "path": array.concat(workloads.pod_path, ["hostIPC"])} if {
	workloads.pod_spec.hostIPC == true
}
