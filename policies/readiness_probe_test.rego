package policies.readiness_probe_test

import data.lib.fixtures
import data.policies.readiness_probe
import rego.v1

test_missing if count(readiness_probe.deny) == 1 with input as fixtures.workload("Deployment", object.remove(fixtures.good_container, ["readinessProbe"]), {})

test_good if count(readiness_probe.deny) == 0 with input as fixtures.deployment_with({})
