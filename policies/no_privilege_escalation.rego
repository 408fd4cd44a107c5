# METADATA
# title: No privilege escalation
# description: A container does not set allowPrivilegeEscalation false, so setuid binaries can gain privileges.
# custom:
#   id: no-privilege-escalation
#   severity: warning
#   rationale: Without allowPrivilegeEscalation false a process can gain more privileges than its parent (setuid, file capabilities).
#   fix: Set securityContext.allowPrivilegeEscalation false on every container.
#   parameters: {}
package policies.no_privilege_escalation

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q allows privilege escalation: set securityContext.allowPrivilegeEscalation: false", [container.name]), "path": array.concat(path, ["securityContext", "allowPrivilegeEscalation"])} if {
	some [container, path] in workloads.all_containers
	not container.securityContext.allowPrivilegeEscalation == false
}
