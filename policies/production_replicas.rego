# METADATA
# title: Production replicas
# description: A production workload runs fewer than 2 replicas and no HorizontalPodAutoscaler keeps at least 2.
# custom:
#   id: production-replicas
#   severity: warning
#   rationale: One replica means every node drain, eviction or crash is an outage.
#   fix: Set spec.replicas to 2 or more in the production overlay, or scale it with an HPA whose minReplicas is at least 2.
#   parameters: {}
package policies.production_replicas

import data.lib.workloads
import rego.v1

# A lookup in the render-wide index, not a scan of every HPA per workload.
autoscaled if data.mergegate.index.hpaTargets[concat("/", [workloads.namespace, input.kind, input.metadata.name])]

# Cheap tests first: most workloads have 2 replicas or more and stop at `replicas < 2`.

deny contains {"msg": sprintf("%s %q runs %v replica(s) in production; run at least 2", [input.kind, input.metadata.name, replicas]), "path": ["spec", "replicas"]} if {
	workloads.production
	input.kind in workloads.replicated_kinds
	replicas := object.get(input.spec, "replicas", 1)
	replicas < 2
	not workloads.managed_by_controller
	not autoscaled
}
