// Kubernetes minor versions ("1.33"): parsing, ordering and the default the schema check assumes.

/** The version assumed when neither the flag, the environment nor mergegate.yaml names one. */
export const defaultKubernetesVersion = "1.33";

/** The minor number of "1.33" (or "v1.33.2"); null when the text is not a 1.x version. */
export function minorOf(version: string): number | null {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match === null ? null : Number(match[1]);
}

/** True when `version` is at least `floor` (both "1.N"). */
export function isAtLeast(version: string, floor: string): boolean {
  const have = minorOf(version);
  const want = minorOf(floor);
  return have !== null && want !== null && have >= want;
}
