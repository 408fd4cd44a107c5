# Test fixtures for the built-in library: a well-written workload, and ways to spoil it.
package lib.fixtures

import rego.v1

good_container := {
	"name": "app",
	"image": "registry.example.com/shop/web:1.4.2",
	"securityContext": {"runAsNonRoot": true, "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"]}},
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
	"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
}

workload(kind, container, pod) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
	"spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}}, "template": {
		"metadata": {"labels": {"app": "web"}},
		"spec": object.union({"automountServiceAccountToken": false, "containers": [container]}, pod),
	}},
}

# Replaces whole fields (object.union would merge them).
replace(base, fields) := object.union(object.remove(base, object.keys(fields)), fields)

deployment_with(fields) := workload("Deployment", replace(good_container, fields), {})

rollout_with(fields) := workload("Rollout", replace(good_container, fields), {})

pod_with(fields) := workload("Deployment", good_container, fields)

context := {"environment": "dev", "production": false, "parameters": {}, "index": {"controlledWorkloads": {}, "podLabels": {}, "pdbSelectors": {}, "networkPolicyNamespaces": [], "firstWorkload": {}, "scaleTargets": {}, "hpaTargets": {}}, "deprecated": []}

production := object.union(context, {"environment": "prod", "production": true})
