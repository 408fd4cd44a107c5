package policies.no_privilege_escalation_test

import data.lib.fixtures
import data.policies.no_privilege_escalation
import rego.v1

test_missing if count(no_privilege_escalation.deny) == 1 with input as fixtures.deployment_with({"securityContext": {"runAsNonRoot": true}})

test_good if count(no_privilege_escalation.deny) == 0 with input as fixtures.deployment_with({})
