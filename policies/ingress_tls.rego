# METADATA
# title: Ingress TLS in production
# description: A production Ingress serves a host without TLS.
# custom:
#   id: ingress-tls
#   severity: warning
#   rationale: Production traffic over plain HTTP exposes sessions and credentials.
#   fix: Add spec.tls with the Ingress's hosts and a certificate Secret (cert-manager can issue it).
#   parameters: {}
package policies.ingress_tls

import data.lib.workloads
import rego.v1

tls_hosts contains host if {
	some entry in input.spec.tls
	some host in entry.hosts
}

deny contains {"msg": sprintf("Ingress %q serves host %q without TLS", [input.metadata.name, rule.host]), "path": ["spec", "rules", index, "host"]} if {
	input.kind == "Ingress"
	workloads.production
	some index, rule in input.spec.rules
	not rule.host in tls_hosts
}
