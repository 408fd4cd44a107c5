// kustomizeBuildOptions: the pull request controls mergegate.yaml and argocd-cm, so only an allowlist reaches
// kustomize — `--enable-helm` (needs helm) and `--load-restrictor LoadRestrictionsNone` (only when every path the
// kustomization graph loads stays inside the repository). Anything else is refused with the reason.
import path from "node:path";
import type { Kustomization } from "./kustomization-files.js";
import { isRemoteReference } from "./kustomization-files.js";
import { isObject } from "./resource.js";

export type BuildOptions =
  | { ok: true; flags: string[]; enableHelm: boolean; loadRestrictorNone: boolean }
  | { ok: false; message: string };

const refusals: Record<string, string> = {
  "--enable-exec": "it lets a kustomization run programs on the machine that checks it",
  "--enable-alpha-plugins": "it lets a kustomization run plugin programs on the machine that checks it",
  "--enable-star-plugins": "it lets a kustomization run plugin programs on the machine that checks it",
  "--network": "it lets kustomize plugins reach the network",
  "--mount": "it mounts host folders into plugin containers",
  "--env": "it passes this machine's environment to plugins",
  "--as-current-user": "it runs plugin containers as the current user",
  "--helm-command": "it names the program kustomize runs for helm",
};

/** Splits the options into flags (a list item may hold several, as argocd-cm's string does) and checks each. */
export function parseBuildOptions(options: readonly string[]): BuildOptions {
  const tokens = options.flatMap((option) => option.split(/\s+/)).filter((token) => token !== "");
  const flags: string[] = [];
  let enableHelm = false;
  let loadRestrictorNone = false;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? "";
    const [flag = "", inline] = token.split("=", 2) as [string, string | undefined];
    if (flag === "--enable-helm" && inline === undefined) {
      enableHelm = true;
      flags.push(flag);
      continue;
    }
    if (flag === "--load-restrictor") {
      const value = inline ?? tokens[++index];
      if (value !== "LoadRestrictionsNone" && value !== "LoadRestrictionsRootOnly") return { ok: false, message: `kustomizeBuildOptions: --load-restrictor takes LoadRestrictionsNone or LoadRestrictionsRootOnly, not ${value ?? "nothing"}` };
      if (value === "LoadRestrictionsNone") loadRestrictorNone = true;
      flags.push("--load-restrictor", value);
      continue;
    }
    const why = refusals[flag] ?? "only --enable-helm and --load-restrictor LoadRestrictionsNone are allowed";
    return { ok: false, message: `kustomize build option ${token} is not used: ${why} (the pull request controls this setting)` };
  }
  return { ok: true, flags, enableHelm, loadRestrictorNone };
}

/** Paths the graph loads that leave the repository (`--load-restrictor LoadRestrictionsNone` would let kustomize read them). */
export function pathsOutsideRepository(kustomizations: readonly Kustomization[]): string[] {
  const outside: string[] = [];
  for (const kustomization of kustomizations) {
    const value = kustomization.value;
    if (!isObject(value)) continue;
    for (const entry of loadedPaths(value)) {
      if (isRemoteReference(entry)) continue;
      const joined = path.posix.normalize(path.posix.join(kustomization.dir, entry));
      if (path.posix.isAbsolute(entry) || joined === ".." || joined.startsWith("../")) outside.push(`${entry} (in ${kustomization.file.path})`);
    }
  }
  return outside;
}

const listKeys = ["resources", "bases", "components", "crds", "configurations", "generators", "transformers", "validators", "patchesStrategicMerge"];
const generatorKeys = ["configMapGenerator", "secretGenerator"];

/** Every file or folder a kustomization names, whatever field names it. */
function loadedPaths(kustomization: Record<string, unknown>): string[] {
  const found: string[] = [];
  const take = (value: unknown): void => {
    if (typeof value === "string" && !value.includes("\n")) found.push(value.includes("=") ? (value.split("=").pop() ?? value) : value);
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  for (const key of listKeys) list(kustomization[key]).forEach(take);
  for (const key of ["patches", "patchesJson6902", "replacements"]) for (const entry of list(kustomization[key])) if (isObject(entry)) take(entry["path"]);
  for (const key of generatorKeys) {
    for (const generator of list(kustomization[key])) {
      if (!isObject(generator)) continue;
      list(generator["files"]).forEach(take);
      list(generator["envs"]).forEach(take);
      take(generator["env"]);
    }
  }
  for (const chart of list(kustomization["helmCharts"])) {
    if (!isObject(chart)) continue;
    take(chart["valuesFile"]);
    list(chart["additionalValuesFiles"]).forEach(take);
  }
  if (isObject(kustomization["helmGlobals"])) take(kustomization["helmGlobals"]["chartHome"]);
  if (isObject(kustomization["openapi"])) take(kustomization["openapi"]["path"]);
  return found;
}
