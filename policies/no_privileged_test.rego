package policies.no_privileged_test

import data.lib.fixtures
import data.policies.no_privileged
import rego.v1

test_privileged if count(no_privileged.deny) == 1 with input as fixtures.rollout_with({"securityContext": {"privileged": true}})

test_good if count(no_privileged.deny) == 0 with input as fixtures.deployment_with({})
