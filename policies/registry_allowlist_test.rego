package policies.registry_allowlist_test

import data.lib.fixtures
import data.policies.registry_allowlist
import rego.v1

test_outside if count(registry_allowlist.deny) == 1 with input as fixtures.deployment_with({"image": "docker.io/nginx:1"}) with data.mergegate as object.union(fixtures.context, {"parameters": {"registry-allowlist": {"registries": ["registry.example.com/"]}}})

test_no_parameter if count(registry_allowlist.deny) == 0 with input as fixtures.deployment_with({"image": "docker.io/nginx:1"}) with data.mergegate as fixtures.context
