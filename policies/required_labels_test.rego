package policies.required_labels_test

import data.lib.fixtures
import data.policies.required_labels
import rego.v1

test_missing if count(required_labels.deny) == 1 with input as fixtures.deployment_with({}) with data.mergegate as object.union(fixtures.context, {"parameters": {"required-labels": {"labels": ["team"]}}})

test_present if count(required_labels.deny) == 0 with input as fixtures.deployment_with({}) with data.mergegate as object.union(fixtures.context, {"parameters": {"required-labels": {"labels": ["app"]}}})
