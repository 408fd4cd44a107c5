package policies.no_host_pid_test

import data.lib.fixtures
import data.policies.no_host_pid
import rego.v1

test_host if count(no_host_pid.deny) == 1 with input as fixtures.pod_with({"hostPID": true})

test_good if count(no_host_pid.deny) == 0 with input as fixtures.deployment_with({})
