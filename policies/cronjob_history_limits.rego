# METADATA
# title: CronJob history limits
# description: A CronJob keeps the default job history (successfulJobsHistoryLimit, failedJobsHistoryLimit unset).
# custom:
#   id: cronjob-history-limits
#   severity: info
#   rationale: Explicit limits keep finished Jobs and their pods from accumulating while keeping failures to inspect.
#   fix: Set spec.successfulJobsHistoryLimit and spec.failedJobsHistoryLimit.
#   parameters: {}
package policies.cronjob_history_limits

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("CronJob %q does not set %s", [input.metadata.name, field]), "path": ["spec", field]} if {
	input.kind == "CronJob"
	some field in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"]
	not field in object.keys(input.spec)
}
