# METADATA
# title: Required labels
# description: An object lacks a label the organisation requires (parameter labels; no check when empty).
# custom:
#   id: required-labels
#   severity: warning
#   rationale: Ownership, cost and alert routing rely on labels being present everywhere.
#   fix: "Add the missing labels under metadata.labels (kustomize labels: or commonLabels: sets them on every object)."
#   parameters: {labels: []}
package policies.required_labels

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("%s %q has no label %q", [input.kind, input.metadata.name, label]), "path": ["metadata", "labels"]} if {
	some label in object.get(workloads.parameters("required-labels"), "labels", [])
	not label in object.keys(object.get(input.metadata, "labels", {}))
}
