# Tests of the library's workload helpers.
package lib.workloads_test

import rego.v1

import data.lib.workloads

# plain_label_text holds exactly where `^[A-Za-z0-9._/-]*$` matches
test_plain_label_text if {
	every text in ["", "web", "app.kubernetes.io/name", "a_b-c.d/E9"] {
		workloads.plain_label_text(text)
		regex.match(`^[A-Za-z0-9._/-]*$`, text)
	}
	every text in ["a b", "tier=web", "a:b", "café", "-\n", "web*"] {
		not workloads.plain_label_text(text)
		not regex.match(`^[A-Za-z0-9._/-]*$`, text)
	}
}
