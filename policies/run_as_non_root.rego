# METADATA
# title: Containers run as non-root
# description: A container may run as root; neither it nor its pod sets runAsNonRoot true or a non-zero runAsUser.
# custom:
#   id: run-as-non-root
#   severity: error
#   rationale: A process running as root in a container is one runtime or kernel bug away from root on the node.
#   fix: Set securityContext.runAsNonRoot true (and a non-zero runAsUser when the image's user is root) on the pod or the container.
#   parameters: {}
package policies.run_as_non_root

import data.lib.workloads
import rego.v1

non_root(context) if context.runAsNonRoot == true

non_root(context) if context.runAsUser > 0

pod_context := object.get(workloads.pod_spec, "securityContext", {})

deny contains {"msg": sprintf("container %q may run as root: set securityContext.runAsNonRoot: true", [container.name]), "path": array.concat(path, ["securityContext", "runAsNonRoot"])} if {
	some [container, path] in workloads.all_containers
	context := object.get(container, "securityContext", {})
	not non_root(context)
	not non_root(pod_context)
}
