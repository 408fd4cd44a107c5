package policies.ingress_tls_test

import data.lib.fixtures
import data.policies.ingress_tls
import rego.v1

ingress := {"kind": "Ingress", "metadata": {"name": "i"}, "spec": {"rules": [{"host": "shop.example.com"}]}}

test_production if count(ingress_tls.deny) == 1 with input as ingress with data.mergegate as fixtures.production

test_tls if count(ingress_tls.deny) == 0 with input as object.union(ingress, {"spec": {"tls": [{"hosts": ["shop.example.com"]}]}}) with data.mergegate as fixtures.production
