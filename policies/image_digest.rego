# METADATA
# title: Image digests in production
# description: A production image is pinned by tag, not by digest.
# custom:
#   id: image-digest
#   severity: info
#   rationale: A tag can be re-pushed; only a digest guarantees that production runs the image that was tested.
#   fix: "Pin production images by digest (kustomize images: digest)."
#   parameters: {}
package policies.image_digest

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("container %q uses image %q without a digest", [container.name, container.image]), "path": array.concat(path, ["image"])} if {
	workloads.production
	some [container, path] in workloads.all_containers
	not contains(container.image, "@sha256:")
}
