// The one info finding for objects no schema source describes: what is missing and how to provide it.

/** Missing source ("kubernetes@1.33" or a CRD family name) → number of objects left unvalidated. */
export type MissingSources = Map<string, number>;

export function missingSourceMessage(missing: MissingSources, failures: readonly string[]): string {
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
