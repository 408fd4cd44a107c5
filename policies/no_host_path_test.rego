package policies.no_host_path_test

import data.lib.fixtures
import data.policies.no_host_path
import rego.v1

test_host_path if count(no_host_path.deny) == 1 with input as fixtures.pod_with({"volumes": [{"name": "root", "hostPath": {"path": "/"}}]})

test_good if count(no_host_path.deny) == 0 with input as fixtures.deployment_with({})
