package policies.production_replicas_test

import data.lib.fixtures
import data.policies.production_replicas
import rego.v1

test_single if count(production_replicas.deny) == 1 with input as object.union(fixtures.deployment_with({}), {"spec": {"replicas": 1}}) with data.mergegate as fixtures.production

test_two if count(production_replicas.deny) == 0 with input as fixtures.rollout_with({}) with data.mergegate as fixtures.production
