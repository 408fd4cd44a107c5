# METADATA
# title: CPU requests
# description: A container sets no CPU request.
# custom:
#   id: cpu-requests
#   severity: warning
#   rationale: Without a CPU request the scheduler packs the pod anywhere and it gets the least CPU under contention.
#   fix: Set resources.requests.cpu on every container.
#   parameters: {}
package policies.cpu_requests

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has no CPU request", [container.name]), "path": array.concat(path, ["resources", "requests", "cpu"])} if {
	some [container, path] in workloads.main_containers
	not container.resources.requests.cpu
}
