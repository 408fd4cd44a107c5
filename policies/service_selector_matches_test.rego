package policies.service_selector_matches_test

import data.lib.fixtures
import data.policies.service_selector_matches
import rego.v1

service := {"kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"selector": {"app": "web"}}}

test_dangling if count(service_selector_matches.deny) == 1 with input as service with data.mergegate as fixtures.context

test_rollout if count(service_selector_matches.deny) == 0 with input as service with data.mergegate as object.union(fixtures.context, {"index": {"podLabels": {"shop": [{"app": "web", "rollouts-pod-template-hash": "abc"}]}}})
