package policies.automount_service_account_token_test

import data.lib.fixtures
import data.policies.automount_service_account_token
import rego.v1

test_default if count(automount_service_account_token.deny) == 1 with input as fixtures.pod_with({"automountServiceAccountToken": true})

test_good if count(automount_service_account_token.deny) == 0 with input as fixtures.deployment_with({})
