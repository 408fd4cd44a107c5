# METADATA
# title: Pinned image tags
# description: An image uses the latest tag or no tag at all.
# custom:
#   id: no-latest-tag
#   severity: warning
#   rationale: "A moving tag makes the rendered manifest say nothing about what runs: two pods of one Deployment can run different code and a rollback restores nothing."
#   fix: "Pin the image to a version tag (or a digest) — in kustomize, with images: newTag."
#   parameters: {}
package policies.no_latest_tag

import data.lib.workloads
import rego.v1

tag(image) := "" if {
	not contains(image, "@")
	parts := split(image, "/")
	not contains(parts[count(parts) - 1], ":")
}

tag(image) := t if {
	not contains(image, "@")
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
}

deny contains {"msg": sprintf("container %q uses image %q: pin a version tag instead of latest", [container.name, container.image]), "path": array.concat(path, ["image"])} if {
	some [container, path] in workloads.all_containers
	tag(container.image) in {"", "latest"}
}
