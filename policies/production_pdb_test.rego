package policies.production_pdb_test

import data.lib.fixtures
import data.policies.production_pdb
import rego.v1

test_missing if count(production_pdb.deny) == 1 with input as fixtures.rollout_with({}) with data.mergegate as fixtures.production

test_covered if count(production_pdb.deny) == 0 with input as fixtures.rollout_with({}) with data.mergegate as object.union(fixtures.production, {"index": {"pdbSelectors": {"shop": [{"app": "web"}]}}})

keyed(keys) := object.union(fixtures.production, {"index": {"pdbSelectors": {"shop": [{"app": "web"}]}, "pdbSelectorKeys": {"shop": keys}}})

test_covered_by_key if count(production_pdb.deny) == 0 with input as fixtures.rollout_with({}) with data.mergegate as keyed({"app=web": true})

test_no_key_selects if count(production_pdb.deny) == 1 with input as fixtures.rollout_with({}) with data.mergegate as keyed({"app=web,tier=front": true})

# pod labels the keys cannot hold are matched by scanning the budgets
test_unkeyed_labels if count(production_pdb.deny) == 0 with input as json.patch(fixtures.rollout_with({}), [{"op": "add", "path": "/spec/template/metadata/labels/note", "value": "a,b"}]) with data.mergegate as keyed({})
