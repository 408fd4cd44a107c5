// The schema pass over a render, run once and shared by every schema/* rule: removed APIs, unknown kinds,
// missing sources and each object's validation errors, as reports tagged with their rule.
import { isObject } from "../../render/resource.js";
import { apiVersionOf, groupVersionKindOf, type GroupVersionKind } from "../../schemas/api-groups.js";
import { isRemoved, lifecycleOf } from "../../schemas/api-lifecycles.js";
import { SchemaCatalog, type Lookup } from "../../schemas/catalog.js";
import { isCrd } from "../../schemas/crd-source.js";
import { defaultKubernetesVersion } from "../../schemas/kubernetes-version.js";
import { schemaSettings, type SchemaSettings } from "../../schemas/schema-settings.js";
import type { Render, Resource } from "../../types.js";
import type { CheckContext, Report } from "../rule.js";
import { noSourceFacts, noSourceSummary, type MissingSources } from "./missing-sources.js";
import { problemsOf, type SchemaRuleId } from "./schema-errors.js";

export type SchemaReportRule = SchemaRuleId | "schema/removed-api" | "schema/unknown-kind" | "schema/no-source";

export interface SchemaReport {
  rule: SchemaReportRule;
  report: Report;
}

const passes = new WeakMap<Render, Promise<SchemaReport[]>>();

/** The schema reports of this render, computed on the first call. */
export function schemaReports(context: CheckContext): Promise<SchemaReport[]> {
  let pass = passes.get(context.render);
  if (pass === undefined) {
    pass = validateRender(context);
    passes.set(context.render, pass);
  }
  return pass;
}

interface Batch {
  gvk: GroupVersionKind;
  kubernetesVersion: string;
  resources: Resource[];
}

async function validateRender(context: CheckContext): Promise<SchemaReport[]> {
  const settings = schemaSettings(context.schemaOptions, context.config);
  const catalog = new SchemaCatalog({ ...settings, renderCrds: crdsOf(context.render) });
  const reports: SchemaReport[] = [];
  const missing = new Map<string, MissingSources>();
  for (const batch of batchesOf(context, settings, reports)) {
    const lookup = await catalog.lookup(batch.gvk, batch.kubernetesVersion);
    reportBatch(batch, lookup, settings, reports, missing);
  }
  // Environments that only lend their CRDs (not checked in this run) leave nothing unvalidated that this run reports.
  for (const { env, skippedReason } of context.render.environments) if (skippedReason !== null) missing.delete(env.name);
  if (missing.size > 0 || catalog.failures.length > 0) {
    const summary = noSourceFacts(missing, catalog.failures);
    const message = noSourceSummary.message(Object.values(summary.environments), [summary.run]);
    reports.push({ rule: "schema/no-source", report: { env: null, subject: "schema sources", message, summary } });
  }
  return reports;
}

/** Resources grouped by (group, version, kind, Kubernetes version), after taking out removed APIs. */
function batchesOf(context: CheckContext, settings: SchemaSettings, reports: SchemaReport[]): Batch[] {
  const batches = new Map<string, Batch>();
  for (const { env, resources } of context.render.environments) {
    const kubernetesVersion = settings.kubernetesVersion ?? env.kubernetesVersion ?? context.config.kubernetesVersion ?? defaultKubernetesVersion;
    for (const resource of resources) {
      if (context.focus?.has(resource) === false) continue;
      const { apiVersion, kind } = resource.key;
      if (apiVersion === null || kind === null) continue;
      const lifecycle = lifecycleOf(apiVersion, kind);
      if (lifecycle !== null && isRemoved(lifecycle, kubernetesVersion)) {
        const instead = lifecycle.replacement === null ? "it has no replacement" : `use ${lifecycle.replacement}`;
        const message = `${apiVersion} ${kind} is not served by Kubernetes ${kubernetesVersion} (removed in ${lifecycle.removedIn}): ${instead}`;
        reports.push({ rule: "schema/removed-api", report: { env: resource.env, resource, pointer: "/apiVersion", message } });
        continue;
      }
      const key = `${apiVersion} ${kind} ${kubernetesVersion}`;
      let batch = batches.get(key);
      if (batch === undefined) {
        batch = { gvk: groupVersionKindOf(apiVersion, kind), kubernetesVersion, resources: [] };
        batches.set(key, batch);
      }
      batch.resources.push(resource);
    }
  }
  return [...batches.values()];
}

function reportBatch(batch: Batch, lookup: Lookup, settings: SchemaSettings, reports: SchemaReport[], missing: Map<string, MissingSources>): void {
  switch (lookup.status) {
    case "found":
      for (const resource of batch.resources) {
        if (lookup.validate(resource.object)) continue;
        const echoValues = batch.gvk.kind !== "Secret";
        for (const problem of problemsOf(lookup.validate.errors ?? [], { echoValues })) {
          reports.push({ rule: problem.rule, report: { env: resource.env, resource, pointer: problem.pointer, message: problem.message } });
        }
      }
      return;
    case "unknown-kind": {
      if (settings.unknownKind === "ignore") return;
      const message = unknownKindMessage(batch.gvk, lookup.covering);
      for (const resource of batch.resources) {
        reports.push({ rule: "schema/unknown-kind", report: { env: resource.env, resource, pointer: "/kind", message, severity: settings.unknownKind } });
      }
      return;
    }
    case "no-source": {
      const key = lookup.need === "kubernetes" ? `kubernetes@${batch.kubernetesVersion}` : lookup.need;
      for (const resource of batch.resources) {
        const own = missing.get(resource.env) ?? new Map<string, number>();
        own.set(key, (own.get(key) ?? 0) + 1);
        missing.set(resource.env, own);
      }
    }
  }
}

function unknownKindMessage(gvk: GroupVersionKind, covering: string[]): string {
  const what = `${apiVersionOf(gvk)} ${gvk.kind}`;
  if (covering.length === 0) return `no schema for ${what}: no CRD in the render or the schema locations defines it`;
  return `no schema for ${what} in ${covering.join(", ")}: check the apiVersion and kind, or add its CRD`;
}

function crdsOf(render: Render): Record<string, unknown>[] {
  return render.environments.flatMap(({ resources }) => resources.map((resource) => resource.object).filter((object) => isObject(object) && isCrd(object)));
}
