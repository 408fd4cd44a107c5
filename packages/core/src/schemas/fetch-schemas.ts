// Downloads into the cache: the Kubernetes OpenAPI spec of a release and the CRDs of the known families.
import { existsSync } from "node:fs";
import path from "node:path";
import { GateError } from "../errors.js";
import { crdFamilyFolder, kubernetesSpecPath } from "./cache.js";
import { crdFamilies, crdFamilyNamed, kubernetesSpecFile, type CrdFamily, type CrdFile } from "./crd-families.js";
import { writeAtomically } from "../fs-atomic.js";
import { download, DownloadError } from "./download.js";

export interface FetchOptions {
  cacheRoot: string;
  timeoutMs: number;
  /** A mirror in the layout of ../shared/k8s-schemas (openapi-v2/…, crds/<family>/…) instead of upstream. */
  mirror: string | null;
}

function urlOf(file: CrdFile, mirror: string | null): string {
  return mirror === null ? file.url : `${mirror.replace(/\/+$/, "")}/${file.path}`;
}

/** Downloads the spec of `kubernetesVersion` unless cached (or `force`); resolves to the cached file. */
export async function fetchKubernetesSpec(kubernetesVersion: string, options: FetchOptions, force = false): Promise<string> {
  const target = kubernetesSpecPath(options.cacheRoot, kubernetesVersion);
  if (force || !existsSync(target)) {
    const text = await download(urlOf(kubernetesSpecFile(kubernetesVersion), options.mirror), options.timeoutMs);
    JSON.parse(text);
    writeAtomically(target, text);
  }
  return target;
}

/** Downloads every CRD file of a family unless cached (or `force`); resolves to the family's cache folder. */
export async function fetchCrdFamily(family: CrdFamily, options: FetchOptions, force = false): Promise<string> {
  const folder = crdFamilyFolder(options.cacheRoot, family.name);
  await Promise.all(
    family.files.map(async (file) => {
      const target = path.join(folder, path.posix.basename(file.path));
      if (!force && existsSync(target)) return;
      writeAtomically(target, await download(urlOf(file, options.mirror), options.timeoutMs));
    }),
  );
  return folder;
}

export interface FetchRequest extends FetchOptions {
  kubernetesVersion: string;
  /** Family names; every known family when null. */
  crds: readonly string[] | null;
  /** Download again even when cached. */
  force: boolean;
}

export interface Fetched {
  what: string;
  path: string;
}

/** `mergegate schemas fetch`: fills the cache; an unknown family or a failed download is a GateError. */
export async function fetchSchemas(request: FetchRequest): Promise<Fetched[]> {
  const families = (request.crds ?? crdFamilies.map((family) => family.name)).map((name) => {
    const family = crdFamilyNamed(name);
    if (family === null) throw new GateError(`unknown CRD set "${name}" (known: ${crdFamilies.map((known) => known.name).join(", ")})`);
    return family;
  });
  try {
    const spec = fetchKubernetesSpec(request.kubernetesVersion, request, request.force).then((file) => ({ what: `Kubernetes ${request.kubernetesVersion} OpenAPI spec`, path: file }));
    const crds = families.map((family) => fetchCrdFamily(family, request, request.force).then((folder) => ({ what: `${family.name} CRDs`, path: folder })));
    return await Promise.all([spec, ...crds]);
  } catch (error) {
    if (error instanceof DownloadError) throw new GateError(`schema download failed: ${error.message}`);
    throw error;
  }
}
