# METADATA
# title: CronJob concurrency policy
# description: A CronJob allows overlapping runs (concurrencyPolicy unset or Allow).
# custom:
#   id: cronjob-concurrency
#   severity: warning
#   rationale: Overlapping runs of a slow job pile up, compete for the same data and can snowball.
#   fix: Set spec.concurrencyPolicy to Forbid (or Replace).
#   parameters: {}
package policies.cronjob_concurrency

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("CronJob %q allows overlapping runs: set concurrencyPolicy to Forbid or Replace", [input.metadata.name]), "path": ["spec", "concurrencyPolicy"]} if {
	input.kind == "CronJob"
	object.get(input.spec, "concurrencyPolicy", "Allow") == "Allow"
}
