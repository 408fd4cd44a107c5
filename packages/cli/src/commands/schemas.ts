// `mergegate schemas fetch`: download the Kubernetes OpenAPI spec of a release and the known CRD sets into the cache.
import { Command, InvalidArgumentError } from "commander";
import { cacheRoot, crdFamilies, defaultKubernetesVersion, fetchSchemas, minorOf } from "@mergegate/core";

interface FetchFlags {
  kubernetesVersion: string;
  crds?: string[];
  mirror?: string;
  timeout: number;
  force: boolean;
}

export function kubernetesVersionArgument(value: string): string {
  if (minorOf(value) === null) throw new InvalidArgumentError(`expected a Kubernetes version like 1.33, got "${value}"`);
  return value.replace(/^v/, "").split(".").slice(0, 2).join(".");
}

const list = (value: string): string[] => value.split(",").map((name) => name.trim()).filter((name) => name !== "");

const seconds = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a number of seconds, got "${value}"`);
  return parsed;
};

export function schemasCommand(): Command {
  const fetch = new Command("fetch")
    .description(`download schemas into ${cacheRoot()}: the Kubernetes OpenAPI spec and CRDs (${crdFamilies.map((family) => family.name).join(", ")})`)
    .option("--kubernetes-version <version>", "Kubernetes release of the OpenAPI spec", kubernetesVersionArgument, defaultKubernetesVersion)
    .option("--crds <names>", "only these CRD sets, comma-separated (default: all)", list)
    .option("--mirror <url>", "download from a mirror laid out as openapi-v2/k8s-<version>-swagger.json and crds/<set>/<file> (also MERGEGATE_SCHEMA_MIRROR)")
    .option("--timeout <seconds>", "give up on a download after this long", seconds, 60)
    .option("--force", "download again even when cached", false)
    .action(async (flags: FetchFlags) => {
      const fetched = await fetchSchemas({
        kubernetesVersion: flags.kubernetesVersion,
        crds: flags.crds ?? null,
        mirror: flags.mirror ?? process.env["MERGEGATE_SCHEMA_MIRROR"] ?? null,
        timeoutMs: flags.timeout * 1000,
        force: flags.force,
        cacheRoot: cacheRoot(),
      });
      for (const entry of fetched) process.stdout.write(`${entry.what}: ${entry.path}\n`);
    });
  return new Command("schemas").description("manage the schemas the schema check validates against").addCommand(fetch);
}
