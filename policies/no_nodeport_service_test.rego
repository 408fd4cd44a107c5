package policies.no_nodeport_service_test

import data.lib.fixtures
import data.policies.no_nodeport_service
import rego.v1

test_nodeport if count(no_nodeport_service.deny) == 1 with input as {"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "NodePort"}}

test_cluster_ip if count(no_nodeport_service.deny) == 0 with input as {"kind": "Service", "metadata": {"name": "s"}, "spec": {}}
