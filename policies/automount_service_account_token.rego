# METADATA
# title: Service account token mounting
# description: A pod mounts its service account token without saying so (automountServiceAccountToken not set to false).
# custom:
#   id: automount-service-account-token
#   severity: info
#   rationale: Most applications never call the Kubernetes API; a mounted token is a credential an intruder can use.
#   fix: "Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it talks to the API server."
#   parameters: {}
package policies.automount_service_account_token

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("%s %q mounts a service account token: set automountServiceAccountToken: false unless it calls the API", [input.kind, input.metadata.name]), "path": array.concat(workloads.pod_path, ["automountServiceAccountToken"])} if {
	workloads.pod_spec != null
	not workloads.pod_spec.automountServiceAccountToken == false
}
