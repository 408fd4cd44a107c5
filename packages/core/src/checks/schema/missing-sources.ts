// The one info finding for objects no schema source describes: what is missing and how to provide it. It is a
// run-level summary: its facts are each environment's missing sources and the run's failed downloads.
import type { SummaryFacts } from "../../types.js";
import type { SummaryKind } from "../../shard/run-summaries.js";

/** Missing source ("kubernetes@1.33" or a CRD family name) → number of objects left unvalidated. */
export type MissingSources = Map<string, number>;

/** schema/no-source from its facts: the environments' counts summed, the failed downloads once each. */
export const noSourceSummary: SummaryKind = {
  message(environments, runs) {
    const missing: MissingSources = new Map();
    for (const part of environments) {
      if (!isRecord(part)) continue;
      for (const [need, count] of Object.entries(part)) if (typeof count === "number") missing.set(need, (missing.get(need) ?? 0) + count);
    }
    const failures = runs.flatMap((part) => (Array.isArray(part) ? part.filter((failure): failure is string => typeof failure === "string") : []));
    return missingSourceMessage(missing, failures);
  },
};

/** The facts of one run: missing sources by environment, and the failed downloads. */
export function noSourceFacts(byEnvironment: ReadonlyMap<string, MissingSources>, failures: readonly string[]): SummaryFacts {
  return { environments: Object.fromEntries([...byEnvironment].map(([env, missing]) => [env, Object.fromEntries(missing)])), run: [...failures] };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function missingSourceMessage(missing: MissingSources, allFailures: readonly string[]): string {
  const failures = [...new Set(allFailures)].sort();
  const versions = [...missing.keys()].filter((need) => need.startsWith("kubernetes@")).map((need) => need.slice("kubernetes@".length)).sort();
  const families = [...missing.keys()].filter((need) => !need.startsWith("kubernetes@")).sort();
  const count = [...missing.values()].reduce((sum, value) => sum + value, 0);
  const parts: string[] = [];
  if (missing.size > 0) {
    const what = [
      ...(versions.length === 0 ? [] : [`Kubernetes ${versions.join(", ")}`]),
      ...(families.length === 0 ? [] : [`the ${families.join(", ")} CRDs`]),
    ].join(" and ");
    const fetch = ["mergegate schemas fetch", ...versions.slice(0, 1).map((version) => `--kubernetes-version ${version}`), ...(families.length === 0 ? [] : [`--crds ${families.join(",")}`])].join(" ");
    parts.push(
      `no schema source for ${what}: ${count} object${count === 1 ? " was" : "s were"} not validated; run \`${fetch}\` or pass --schema-location (a Kubernetes OpenAPI document, a folder of CRDs or a kubeconform URL template)`,
    );
  }
  if (failures.length > 0) parts.push(`schema download failed: ${failures.slice(0, 3).join("; ")}${failures.length > 3 ? ` and ${failures.length - 3} more` : ""}`);
  return parts.join("; ");
}
