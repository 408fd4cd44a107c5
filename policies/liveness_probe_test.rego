package policies.liveness_probe_test

import data.lib.fixtures
import data.policies.liveness_probe
import rego.v1

test_missing if count(liveness_probe.deny) == 1 with input as fixtures.workload("Rollout", object.remove(fixtures.good_container, ["livenessProbe"]), {})

test_good if count(liveness_probe.deny) == 0 with input as fixtures.deployment_with({})
