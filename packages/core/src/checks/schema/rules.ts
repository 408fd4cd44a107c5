// The schema/* rules: each is a view of the one shared schema pass (validate-render.ts), filtered by its id.
import type { Rule, RuleMeta } from "../rule.js";
import { schemaReports, type SchemaReportRule } from "./validate-render.js";

function schemaRule(meta: RuleMeta & { id: SchemaReportRule }): Rule {
  return {
    meta,
    async run(context) {
      for (const { rule, report } of await schemaReports(context)) if (rule === meta.id) context.report(report);
    },
  };
}

export const unknownField = schemaRule({
  id: "schema/unknown-field",
  severity: "error",
  description: "A field the object's schema does not define (often a typo); the API server drops or rejects it.",
  docs: "Fix the field name (the message suggests the closest known field) or remove it. Validation is strict: unknown fields are errors unless the schema preserves unknown fields.",
});

export const invalidType = schemaRule({
  id: "schema/invalid-type",
  severity: "error",
  description: "A field holds a value of the wrong type (a string where an integer belongs, …).",
  docs: "Write the value with the type the schema expects; in YAML, quotes make a string (\"3\") and their absence a number (3).",
});

export const invalidValue = schemaRule({
  id: "schema/invalid-value",
  severity: "error",
  description: "A field's value is outside what its schema allows (enum, pattern, range, format).",
  docs: "Use one of the allowed values named in the message.",
});

export const missingField = schemaRule({
  id: "schema/missing-field",
  severity: "error",
  description: "A field the schema requires is missing.",
  docs: "Add the field named in the message to the mapping the finding points at.",
});

export const removedApi = schemaRule({
  id: "schema/removed-api",
  severity: "error",
  description: "The apiVersion is no longer served by the environment's Kubernetes version.",
  docs: "Move the object to the replacement apiVersion named in the message (and adapt fields that changed), or set the environment's kubernetesVersion if it runs an older cluster.",
});

export const unknownKind = schemaRule({
  id: "schema/unknown-kind",
  severity: "warning",
  description: "No schema source describes the object's apiVersion and kind, so it is not validated.",
  docs: "Check apiVersion and kind for typos; for a custom resource, add its CRD to the repo or pass --schema-location. `schemas.unknownKind` in mergegate.yaml sets the severity (or ignore).",
});

export const noSource = schemaRule({
  id: "schema/no-source",
  severity: "info",
  description: "Some objects were not validated because no schema source is available (offline, nothing fetched).",
  docs: "Run `mergegate schemas fetch` (optionally --kubernetes-version V --crds NAME,...) to fill the cache, or pass --schema-location with a Kubernetes OpenAPI document, a folder of CRDs or a kubeconform URL template.",
});

export const schemaRules: readonly Rule[] = [unknownField, invalidType, invalidValue, missingField, removedApi, unknownKind, noSource];
