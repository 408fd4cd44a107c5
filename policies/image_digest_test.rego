package policies.image_digest_test

import data.lib.fixtures
import data.policies.image_digest
import rego.v1

test_production if count(image_digest.deny) == 1 with input as fixtures.deployment_with({}) with data.mergegate as fixtures.production

test_dev if count(image_digest.deny) == 0 with input as fixtures.deployment_with({}) with data.mergegate as fixtures.context
