package policies.deprecated_api_test

import data.lib.fixtures
import data.policies.deprecated_api
import rego.v1

test_deprecated if count(deprecated_api.deny) == 1 with input as {"apiVersion": "autoscaling/v2beta2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"}} with data.mergegate as object.union(fixtures.context, {"deprecated": [{"apiVersion": "autoscaling/v2beta2", "kinds": ["HorizontalPodAutoscaler"], "deprecatedIn": "1.23", "replacement": "autoscaling/v2"}]})

test_current if count(deprecated_api.deny) == 0 with input as fixtures.deployment_with({}) with data.mergegate as fixtures.context
