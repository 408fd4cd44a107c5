package policies.production_replicas_test

import data.lib.fixtures
import data.policies.production_replicas
import rego.v1

test_single if count(production_replicas.deny) == 1 with input as object.union(fixtures.deployment_with({}), {"spec": {"replicas": 1}}) with data.mergegate as fixtures.production

test_two if count(production_replicas.deny) == 0 with input as fixtures.rollout_with({}) with data.mergegate as fixtures.production

single := object.union(fixtures.deployment_with({}), {"spec": {"replicas": 1}})

test_not_in_dev if count(production_replicas.deny) == 0 with input as single with data.mergegate as fixtures.context

test_autoscaled if {
	index := object.union(fixtures.production.index, {"hpaTargets": {concat("/", [object.get(single.metadata, "namespace", ""), "Deployment", single.metadata.name]): true}})
	count(production_replicas.deny) == 0 with input as single with data.mergegate as object.union(fixtures.production, {"index": index})
}

test_autoscaled_elsewhere if {
	index := object.union(fixtures.production.index, {"hpaTargets": {"other/Deployment/web": true}})
	count(production_replicas.deny) == 1 with input as single with data.mergegate as object.union(fixtures.production, {"index": index})
}

test_managed_by_rollout if {
	index := object.union(fixtures.production.index, {"controlledWorkloads": {concat("/", [object.get(single.metadata, "namespace", ""), "Deployment", single.metadata.name]): true}})
	count(production_replicas.deny) == 0 with input as single with data.mergegate as object.union(fixtures.production, {"index": index})
}
