package policies.no_latest_tag_test

import data.lib.fixtures
import data.policies.no_latest_tag
import rego.v1

test_latest if count(no_latest_tag.deny) == 1 with input as fixtures.deployment_with({"image": "nginx:latest"})

test_untagged if count(no_latest_tag.deny) == 1 with input as fixtures.deployment_with({"image": "localhost:5000/nginx"})

test_good if count(no_latest_tag.deny) == 0 with input as fixtures.deployment_with({"image": "localhost:5000/nginx:1.2@sha256:abc"})
