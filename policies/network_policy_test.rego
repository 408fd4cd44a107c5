package policies.network_policy_test

import data.lib.fixtures
import data.policies.network_policy
import rego.v1

context := object.union(fixtures.context, {"index": {"firstWorkload": {"shop": "Deployment/web"}}})

test_missing if count(network_policy.deny) == 1 with input as fixtures.deployment_with({}) with data.mergegate as context

test_present if count(network_policy.deny) == 0 with input as fixtures.deployment_with({}) with data.mergegate as object.union(context, {"index": {"networkPolicyNamespaces": ["shop"]}})
