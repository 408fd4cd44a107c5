package policies.no_host_ipc_test

import data.lib.fixtures
import data.policies.no_host_ipc
import rego.v1

test_host if count(no_host_ipc.deny) == 1 with input as fixtures.pod_with({"hostIPC": true})

test_good if count(no_host_ipc.deny) == 0 with input as fixtures.deployment_with({})
