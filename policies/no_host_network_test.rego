package policies.no_host_network_test

import data.lib.fixtures
import data.policies.no_host_network
import rego.v1

test_host if count(no_host_network.deny) == 1 with input as fixtures.pod_with({"hostNetwork": true})

test_good if count(no_host_network.deny) == 0 with input as fixtures.deployment_with({})
