package policies.run_as_non_root_test

import data.lib.fixtures
import data.policies.run_as_non_root
import rego.v1

test_root_container if count(run_as_non_root.deny) == 1 with input as fixtures.deployment_with({"securityContext": {}})

test_pod_level_non_root if count(run_as_non_root.deny) == 0 with input as fixtures.workload("Rollout", object.remove(fixtures.good_container, ["securityContext"]), {"securityContext": {"runAsUser": 1000}})

test_good if count(run_as_non_root.deny) == 0 with input as fixtures.deployment_with({})
