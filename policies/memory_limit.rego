# METADATA
# title: Memory limit
# description: A container sets no memory limit.
# custom:
#   id: memory-limit
#   severity: warning
#   rationale: A container without a memory limit can exhaust the node's memory and take its neighbours down with it.
#   fix: Set resources.limits.memory on every container (usually equal to or a little above the request).
#   parameters: {}
package policies.memory_limit

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has no memory limit", [container.name]), "path": array.concat(path, ["resources", "limits", "memory"])} if {
	some [container, path] in workloads.main_containers
	not container.resources.limits.memory
}
