# METADATA
# title: No hostPath volumes
# description: A pod mounts a hostPath volume.
# custom:
#   id: no-host-path
#   severity: error
#   rationale: A hostPath volume exposes the node's filesystem to the pod; a write there can take over the node.
#   fix: Use an emptyDir, a ConfigMap or a PersistentVolumeClaim instead.
#   parameters: {}
package policies.no_host_path

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("volume %q mounts the host path %q", [volume.name, volume.hostPath.path]), "path": array.concat(workloads.pod_path, ["volumes", index, "hostPath"])} if {
	some index, volume in object.get(workloads.pod_spec, "volumes", [])
	volume.hostPath
}
