// Where mergegate keeps downloaded schemas: $XDG_CACHE_HOME/mergegate (default ~/.cache/mergegate), never in the repo.
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

export function cacheRoot(environment: NodeJS.ProcessEnv = process.env): string {
  const base = environment["XDG_CACHE_HOME"] !== undefined && environment["XDG_CACHE_HOME"] !== "" ? environment["XDG_CACHE_HOME"] : path.join(os.homedir(), ".cache");
  return path.join(base, "mergegate");
}

/** A cache file kept per checked folder (a parse pack, a build plan): named by a hash of the folder's absolute path. */
export function folderCacheFile(kind: string, folder: string, extension: string): string {
  const name = createHash("sha256").update(path.resolve(folder)).digest("hex").slice(0, 32);
  return path.join(cacheRoot(), kind, `${name}.${extension}`);
}

/** The cached Kubernetes OpenAPI v2 spec of one release. */
export function kubernetesSpecPath(root: string, kubernetesVersion: string): string {
  return path.join(root, "schemas", "kubernetes", kubernetesVersion, "swagger.json");
}

/** The folder holding one CRD family's files. */
export function crdFamilyFolder(root: string, family: string): string {
  return path.join(root, "schemas", "crds", family);
}

/** A schema downloaded through a kubeconform-style URL template, by URL. */
export function templateSchemaPath(root: string, url: string): string {
  return path.join(root, "schemas", "templates", encodeURIComponent(url));
}
