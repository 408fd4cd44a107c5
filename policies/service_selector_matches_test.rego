package policies.service_selector_matches_test

import data.lib.fixtures
import data.policies.service_selector_matches
import rego.v1

service := {"kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"selector": {"app": "web"}}}

test_dangling if count(service_selector_matches.deny) == 1 with input as service with data.mergegate as fixtures.context

test_rollout if count(service_selector_matches.deny) == 0 with input as service with data.mergegate as object.union(fixtures.context, {"index": {"podLabels": {"shop": [{"app": "web", "rollouts-pod-template-hash": "abc"}]}}})

indexed_context := object.union(fixtures.context, {"index": {"podLabels": {"shop": [{"app": "web", "tier": "front"}]}, "podLabelSubsets": {"shop": {"app=web": true, "tier=front": true, "app=web,tier=front": true}}}})

test_indexed_match if count(service_selector_matches.deny) == 0 with input as json.patch(service, [{"op": "add", "path": "/spec/selector/tier", "value": "front"}]) with data.mergegate as indexed_context

test_indexed_dangling if count(service_selector_matches.deny) == 1 with input as json.patch(service, [{"op": "add", "path": "/spec/selector/tier", "value": "back"}]) with data.mergegate as indexed_context

# a selector the index cannot hold (a number, a comma) is matched by scanning the pods
test_unindexed_selector if count(service_selector_matches.deny) == 1 with input as json.patch(service, [{"op": "replace", "path": "/spec/selector/app", "value": "web,tier=front"}]) with data.mergegate as indexed_context
