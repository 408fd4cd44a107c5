package policies.explicit_namespace_test

import data.lib.fixtures
import data.policies.explicit_namespace
import rego.v1

test_default if count(explicit_namespace.deny) == 1 with input as object.union(fixtures.deployment_with({}), {"metadata": {"namespace": "default"}})

test_good if count(explicit_namespace.deny) == 0 with input as fixtures.deployment_with({})
