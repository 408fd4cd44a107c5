package policies.cpu_requests_test

import data.lib.fixtures
import data.policies.cpu_requests
import rego.v1

test_missing if count(cpu_requests.deny) == 1 with input as fixtures.deployment_with({"resources": {"requests": {"memory": "1Gi"}}})

test_good if count(cpu_requests.deny) == 0 with input as fixtures.deployment_with({})
