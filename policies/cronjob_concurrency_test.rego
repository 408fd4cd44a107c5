package policies.cronjob_concurrency_test

import data.lib.fixtures
import data.policies.cronjob_concurrency
import rego.v1

cronjob := {"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"schedule": "* * * * *", "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 3, "jobTemplate": {"spec": {"template": {"spec": {"containers": []}}}}}}

test_allow if count(cronjob_concurrency.deny) == 1 with input as object.union(cronjob, {"spec": {"concurrencyPolicy": "Allow"}})

test_forbid if count(cronjob_concurrency.deny) == 0 with input as cronjob
