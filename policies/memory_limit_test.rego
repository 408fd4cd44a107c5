package policies.memory_limit_test

import data.lib.fixtures
import data.policies.memory_limit
import rego.v1

test_missing if count(memory_limit.deny) == 1 with input as fixtures.deployment_with({"resources": {"requests": {"cpu": "1"}}})

test_good if count(memory_limit.deny) == 0 with input as fixtures.deployment_with({})
