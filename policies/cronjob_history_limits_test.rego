package policies.cronjob_history_limits_test

import data.lib.fixtures
import data.policies.cronjob_history_limits
import rego.v1

cronjob := {"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"schedule": "* * * * *", "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 3, "jobTemplate": {"spec": {"template": {"spec": {"containers": []}}}}}}

test_missing if count(cronjob_history_limits.deny) == 2 with input as object.remove(cronjob, ["spec"]) with input.spec as {"schedule": "@daily"}

test_good if count(cronjob_history_limits.deny) == 0 with input as cronjob
