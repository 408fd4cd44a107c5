# METADATA
# title: Memory requests
# description: A container sets no memory request.
# custom:
#   id: memory-requests
#   severity: warning
#   rationale: Without a memory request the scheduler can overcommit the node and the pod is first to be evicted.
#   fix: Set resources.requests.memory on every container.
#   parameters: {}
package policies.memory_requests

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has no memory request", [container.name]), "path": array.concat(path, ["resources", "requests", "memory"])} if {
	some [container, path] in workloads.main_containers
	not container.resources.requests.memory
}
