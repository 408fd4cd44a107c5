// Which field identifies the items of a Kubernetes list, as strategic merge patch matches them
// (`x-kubernetes-patch-merge-key` in the API's OpenAPI schema): containers and env by name, volume mounts by path…
// Lists not named here (args, command, rules…) are compared by position.

/** Merge-key candidates by the list's field name; the first one every item has is used. */
const mergeKeys: Readonly<Record<string, readonly string[]>> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  imagePullSecrets: ["name"],
  resourceClaims: ["name"],
  volumeMounts: ["mountPath"],
  volumeDevices: ["devicePath"],
  // container ports merge by containerPort, Service ports by port
  ports: ["containerPort", "port"],
  hostAliases: ["ip"],
  conditions: ["type"],
  topologySpreadConstraints: ["topologyKey"],
};

type Item = Record<string, unknown>;

function isItem(value: unknown): value is Item {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The merge key of a list named `field` when both sides' items all carry it with distinct scalar values; null
 * when the list is compared by position.
 */
export function mergeKeyOf(field: string | number | undefined, before: readonly unknown[], after: readonly unknown[]): string | null {
  if (typeof field !== "string") return null;
  const items = [...before, ...after];
  for (const candidate of mergeKeys[field] ?? []) {
    if (!items.every((item) => isItem(item) && ["string", "number"].includes(typeof item[candidate]))) continue;
    const unique = (side: readonly unknown[]): boolean => new Set(side.map((item) => (item as Item)[candidate])).size === side.length;
    if (unique(before) && unique(after)) return candidate;
  }
  return null;
}
