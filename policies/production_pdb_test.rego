package policies.production_pdb_test

import data.lib.fixtures
import data.policies.production_pdb
import rego.v1

test_missing if count(production_pdb.deny) == 1 with input as fixtures.rollout_with({}) with data.mergegate as fixtures.production

test_covered if count(production_pdb.deny) == 0 with input as fixtures.rollout_with({}) with data.mergegate as object.union(fixtures.production, {"index": {"pdbSelectors": {"shop": [{"app": "web"}]}}})
