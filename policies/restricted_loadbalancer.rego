# METADATA
# title: LoadBalancer source ranges
# description: A LoadBalancer Service accepts traffic from anywhere (no loadBalancerSourceRanges).
# custom:
#   id: restricted-loadbalancer
#   severity: info
#   rationale: A LoadBalancer without source ranges is reachable from the whole internet unless the cloud makes it internal.
#   fix: Set spec.loadBalancerSourceRanges, or make the load balancer internal with your cloud's annotation.
#   parameters: {}
package policies.restricted_loadbalancer

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("LoadBalancer Service %q accepts traffic from any address", [input.metadata.name]), "path": ["spec", "type"]} if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	count(object.get(input.spec, "loadBalancerSourceRanges", [])) == 0
}
