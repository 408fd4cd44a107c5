package policies.memory_requests_test

import data.lib.fixtures
import data.policies.memory_requests
import rego.v1

test_missing if count(memory_requests.deny) == 1 with input as fixtures.deployment_with({"resources": {}})

test_good if count(memory_requests.deny) == 0 with input as fixtures.deployment_with({})
