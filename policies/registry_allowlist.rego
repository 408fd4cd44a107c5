# METADATA
# title: Registry allowlist
# description: An image comes from a registry outside the allowed list (parameter registries; no check when empty).
# custom:
#   id: registry-allowlist
#   severity: error
#   rationale: Images from unvetted registries bypass the organisation's scanning and signing.
#   fix: "Pull the image from an allowed registry, or add the registry to rules: policy/registry-allowlist: parameters: registries."
#   parameters: {registries: []}
package policies.registry_allowlist

import data.lib.workloads
import rego.v1

allowed(image, registries) if {
	some registry in registries
	startswith(image, registry)
}

deny contains {"msg": sprintf("container %q uses image %q from a registry outside %v", [container.name, container.image, registries]), "path": array.concat(path, ["image"])} if {
	registries := object.get(workloads.parameters("registry-allowlist"), "registries", [])
	count(registries) > 0
	some [container, path] in workloads.all_containers
	not allowed(container.image, registries)
}
