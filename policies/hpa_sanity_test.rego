package policies.hpa_sanity_test

import data.lib.fixtures
import data.policies.hpa_sanity
import rego.v1

hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"minReplicas": 2, "maxReplicas": 4, "scaleTargetRef": {"kind": "Rollout", "name": "web"}}}

test_missing_target if count(hpa_sanity.deny) == 1 with input as hpa with data.mergegate as fixtures.context

test_rollout_target if count(hpa_sanity.deny) == 0 with input as hpa with data.mergegate as object.union(fixtures.context, {"index": {"scaleTargets": {"shop/Rollout/web": true}}})
