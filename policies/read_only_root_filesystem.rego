# METADATA
# title: Read-only root filesystem
# description: A container can write to its root filesystem.
# custom:
#   id: read-only-root-filesystem
#   severity: warning
#   rationale: A writable root filesystem lets an intruder drop tools and persist changes; writable paths belong in volumes.
#   fix: Set securityContext.readOnlyRootFilesystem true and mount an emptyDir where the process must write.
#   parameters: {}
package policies.read_only_root_filesystem

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true", [container.name]), "path": array.concat(path, ["securityContext", "readOnlyRootFilesystem"])} if {
	some [container, path] in workloads.main_containers
	not container.securityContext.readOnlyRootFilesystem == true
}
