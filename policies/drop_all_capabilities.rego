# METADATA
# title: Drop all capabilities
# description: A container keeps Linux capabilities it never asked for; it does not drop ALL.
# custom:
#   id: drop-all-capabilities
#   severity: warning
#   rationale: The default capability set (NET_RAW, CHOWN, SETUID, ...) helps an attacker more than the application.
#   fix: Set securityContext.capabilities.drop to [ALL] and add back only what the process needs.
#   parameters: {}
package policies.drop_all_capabilities

import data.lib.workloads
import rego.v1

drops_all(container) if {
	some capability in container.securityContext.capabilities.drop
	upper(capability) == "ALL"
}

deny contains {"msg": sprintf("container %q does not drop ALL capabilities", [container.name]), "path": array.concat(path, ["securityContext", "capabilities", "drop"])} if {
	some [container, path] in workloads.all_containers
	not drops_all(container)
}
