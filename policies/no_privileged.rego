# METADATA
# title: No privileged containers
# description: A container runs privileged, with every capability and access to the node's devices.
# custom:
#   id: no-privileged
#   severity: error
#   rationale: A privileged container is root on the node; escaping it needs no exploit.
#   fix: Remove securityContext.privileged (or set it to false) and grant only the capabilities the process needs.
#   parameters: {}
package policies.no_privileged

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q runs privileged", [container.name]), "path": array.concat(path, ["securityContext", "privileged"])} if {
	some [container, path] in workloads.all_containers
	container.securityContext.privileged == true
}
