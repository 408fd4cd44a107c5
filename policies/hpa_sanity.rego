# METADATA
# title: HorizontalPodAutoscaler sanity
# description: An HPA's bounds are inconsistent or its scale target is not in the render (Rollouts count as targets).
# custom:
#   id: hpa-sanity
#   severity: warning
#   rationale: An HPA with minReplicas above maxReplicas or a missing target does nothing, silently.
#   fix: Keep minReplicas between 1 and maxReplicas, and point scaleTargetRef at a Deployment, StatefulSet or Rollout of the same namespace.
#   parameters: {}
package policies.hpa_sanity

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("HorizontalPodAutoscaler %q has minReplicas %v above maxReplicas %v", [input.metadata.name, input.spec.minReplicas, input.spec.maxReplicas]), "path": ["spec", "minReplicas"]} if {
	input.kind == "HorizontalPodAutoscaler"
	input.spec.minReplicas > input.spec.maxReplicas
}

deny contains {"msg": sprintf("HorizontalPodAutoscaler %q scales %s %q, which is not in this environment", [input.metadata.name, target.kind, target.name]), "path": ["spec", "scaleTargetRef", "name"]} if {
	input.kind == "HorizontalPodAutoscaler"
	target := input.spec.scaleTargetRef
	not data.mergegate.index.scaleTargets[sprintf("%s/%s/%s", [workloads.namespace, target.kind, target.name])]
}
