package lib.workloads_test

import data.lib.workloads
import rego.v1

# the characters of ^[A-Za-z0-9._/-]*$, as the label indexes hold them
test_plain_label_text if {
	workloads.plain_label_text("app.kubernetes.io/part-of")
	workloads.plain_label_text("Web_1")
	workloads.plain_label_text("")
	not workloads.plain_label_text("web,tier=front")
	not workloads.plain_label_text("a b")
	not workloads.plain_label_text("café")
}
