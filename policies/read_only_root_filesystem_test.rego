package policies.read_only_root_filesystem_test

import data.lib.fixtures
import data.policies.read_only_root_filesystem
import rego.v1

test_writable if count(read_only_root_filesystem.deny) == 1 with input as fixtures.deployment_with({"securityContext": {}})

test_good if count(read_only_root_filesystem.deny) == 0 with input as fixtures.deployment_with({})
