# METADATA
# title: Liveness probe
# description: A long-running container has no liveness probe.
# custom:
#   id: liveness-probe
#   severity: warning
#   rationale: Without a liveness probe a hung process keeps its pod Running forever.
#   fix: Add a livenessProbe that fails when the process can no longer recover.
#   parameters: {}
package policies.liveness_probe

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has no liveness probe", [container.name]), "path": array.concat(path, ["livenessProbe"])} if {
	input.kind in workloads.long_running_kinds
	some [container, path] in workloads.main_containers
	not container.livenessProbe
}
