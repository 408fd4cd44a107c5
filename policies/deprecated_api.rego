# METADATA
# title: Deprecated API versions
# description: An object uses an apiVersion that the environment's Kubernetes version still serves but has deprecated.
# custom:
#   id: deprecated-api
#   severity: warning
#   rationale: A deprecated API is removed in a later release; moving before the upgrade avoids a broken apply on upgrade day.
#   fix: Move the object to the replacement apiVersion named in the message.
#   parameters: {}
package policies.deprecated_api

import data.lib.workloads
import rego.v1

deny contains {"msg": sprintf("%s %s is deprecated since Kubernetes %s%s", [input.apiVersion, input.kind, entry.deprecatedIn, replacement(entry)]), "path": ["apiVersion"]} if {
	some entry in data.mergegate.deprecated
	entry.apiVersion == input.apiVersion
	input.kind in entry.kinds
}

replacement(entry) := sprintf("; use %s", [entry.replacement]) if entry.replacement != null

replacement(entry) := "" if entry.replacement == null
