# METADATA
# title: No NodePort Services
# description: A Service of type NodePort opens a port on every node.
# custom:
#   id: no-nodeport-service
#   severity: warning
#   rationale: NodePorts bypass the ingress layer and its TLS and authentication, on every node of the cluster.
#   fix: Use a ClusterIP Service behind an Ingress or a LoadBalancer.
#   parameters: {}
package policies.no_nodeport_service

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("Service %q is of type NodePort", [input.metadata.name]), "path": ["spec", "type"]} if {
	input.kind == "Service"
	input.spec.type == "NodePort"
}
