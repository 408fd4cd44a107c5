# METADATA
# title: Readiness probe
# description: A long-running container has no readiness probe.
# custom:
#   id: readiness-probe
#   severity: warning
#   rationale: Without a readiness probe traffic reaches pods before they can serve it, and rollouts cannot tell a broken version from a working one.
#   fix: Add a readinessProbe that succeeds once the container can serve requests.
#   parameters: {}
package policies.readiness_probe

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has no readiness probe", [container.name]), "path": array.concat(path, ["readinessProbe"])} if {
	input.kind in workloads.long_running_kinds
	some [container, path] in workloads.main_containers
	not container.readinessProbe
}
