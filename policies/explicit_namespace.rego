# METADATA
# title: Explicit non-default namespace
# description: A workload or Service lands in the default namespace.
# custom:
#   id: explicit-namespace
#   severity: warning
#   rationale: The default namespace mixes unrelated applications and is what quotas, network policies and RBAC usually leave open.
#   fix: "Set metadata.namespace (kustomize namespace: sets it for a whole overlay) to the application's own namespace."
#   parameters: {}
package policies.explicit_namespace

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("%s %q is in the default namespace", [input.kind, input.metadata.name]), "path": ["metadata", "namespace"]} if {
	workloads.is_workload
	input.metadata.namespace == "default"
}

deny contains {"msg": sprintf("%s %q sets no namespace, so it lands in whatever namespace it is applied to", [input.kind, input.metadata.name]), "path": ["metadata"], "severity": "info"} if {
	workloads.is_workload
	not input.metadata.namespace
}
