package policies.restricted_loadbalancer_test

import data.lib.fixtures
import data.policies.restricted_loadbalancer
import rego.v1

test_open if count(restricted_loadbalancer.deny) == 1 with input as {"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "LoadBalancer"}}

test_ranges if count(restricted_loadbalancer.deny) == 0 with input as {"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "LoadBalancer", "loadBalancerSourceRanges": ["10.0.0.0/8"]}}
