package policies.drop_all_capabilities_test

import data.lib.fixtures
import data.policies.drop_all_capabilities
import rego.v1

test_missing if count(drop_all_capabilities.deny) == 1 with input as fixtures.deployment_with({"securityContext": {"runAsNonRoot": true}})

test_good if count(drop_all_capabilities.deny) == 0 with input as fixtures.deployment_with({})
