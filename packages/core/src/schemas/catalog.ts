// The schema catalog: finds a validator for (group, version, kind, Kubernetes version) in the sources, in order —
// CRDs in the render, the configured locations, then the schemas shipped in the package, then the cache (filled on
// demand unless offline) for Kubernetes releases and CRD sets the package does not ship.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { gvkKey, isBuiltInGroup, type GroupVersionKind } from "./api-groups.js";
import { crdFamilyFolder, kubernetesSpecPath } from "./cache.js";
import { crdFamilyOf, type CrdFamily } from "./crd-families.js";
import { crdFilesSource } from "./crd-files.js";
import { crdSource } from "./crd-source.js";
import { forgetFailure, recentFailure, rememberFailure } from "./failed-downloads.js";
import { fetchCrdFamily, fetchKubernetesSpec } from "./fetch-schemas.js";
import { filesBelow, sourcesOfLocation } from "./locations.js";
import { openApiSource } from "./openapi-source.js";
import type { SchemaSource } from "./schema-source.js";
import { shippedCrdSource, shippedKubernetesSource } from "./shipped.js";
import { validatorFor } from "./validators.js";
import path from "node:path";

export interface CatalogOptions {
  /** Locations as the user wrote them, and the folder relative ones start from. */
  locations: readonly { location: string; baseDir: string }[];
  /** CustomResourceDefinition objects found in the render. */
  renderCrds: readonly Record<string, unknown>[];
  offline: boolean;
  cacheRoot: string;
  mirror: string | null;
  timeoutMs: number;
}

export type Lookup =
  | { status: "found"; validate: ValidateFunction; source: string }
  /** Sources for the kind's API group exist but none has this kind. */
  | { status: "unknown-kind"; covering: string[] }
  /** Nothing describes the kind's family: `need` is "kubernetes" or a CRD family name. */
  | { status: "no-source"; need: string };

/** Cached files read once per process while they stay unchanged. */
const cachedSources = new Map<string, SchemaSource>();

export class SchemaCatalog {
  /** Downloads that failed, as "url: reason". */
  readonly failures: string[] = [];
  private fixed: Promise<SchemaSource[]> | null = null;
  private readonly lookups = new Map<string, Promise<Lookup>>();
  private readonly kubernetes = new Map<string, Promise<SchemaSource | null>>();
  private readonly families = new Map<string, Promise<SchemaSource | null>>();

  constructor(private readonly options: CatalogOptions) {}

  lookup(gvk: GroupVersionKind, kubernetesVersion: string): Promise<Lookup> {
    const key = `${gvkKey(gvk)}@${kubernetesVersion}`;
    let lookup = this.lookups.get(key);
    if (lookup === undefined) {
      lookup = this.resolve(gvk, kubernetesVersion);
      this.lookups.set(key, lookup);
    }
    return lookup;
  }

  private async resolve(gvk: GroupVersionKind, kubernetesVersion: string): Promise<Lookup> {
    const builtIn = isBuiltInGroup(gvk.group);
    const family = builtIn ? null : crdFamilyOf(gvk);
    const fixed = await this.fixedSources();
    const familySource = builtIn ? await this.kubernetesSource(kubernetesVersion) : family !== null ? await this.familySource(family) : null;
    const sources = familySource === null ? fixed : [...fixed, familySource];
    for (const source of sources) {
      const resolved = await this.schemaIn(source, gvk, kubernetesVersion);
      if (resolved !== null) return { status: "found", validate: validatorFor(resolved), source: source.name };
    }
    const covering = sources.filter((source) => source.covers(gvk.group)).map((source) => source.name);
    if (covering.length > 0) return { status: "unknown-kind", covering };
    if (builtIn) return { status: "no-source", need: "kubernetes" };
    return family === null ? { status: "unknown-kind", covering: [] } : { status: "no-source", need: family.name };
  }

  private async schemaIn(source: SchemaSource, gvk: GroupVersionKind, kubernetesVersion: string): ReturnType<SchemaSource["schemaFor"]> {
    try {
      return await source.schemaFor(gvk, kubernetesVersion);
    } catch (error) {
      this.failures.push(error instanceof Error ? error.message : String(error));
      return null;
    }
  }

  private fixedSources(): Promise<SchemaSource[]> {
    this.fixed ??= (async () => {
      const sources: SchemaSource[] = [];
      if (this.options.renderCrds.length > 0) sources.push(crdSource("CRDs in the render", this.options.renderCrds));
      const templateOptions = { offline: this.options.offline, cacheRoot: this.options.cacheRoot, timeoutMs: this.options.timeoutMs };
      for (const { location, baseDir } of this.options.locations) sources.push(...(await sourcesOfLocation(location, baseDir, templateOptions)));
      return sources;
    })();
    return this.fixed;
  }

  private kubernetesSource(kubernetesVersion: string): Promise<SchemaSource | null> {
    let source = this.kubernetes.get(kubernetesVersion);
    if (source === undefined) {
      const shipped = shippedKubernetesSource(kubernetesVersion);
      const file = kubernetesSpecPath(this.options.cacheRoot, kubernetesVersion);
      source = shipped !== null ? Promise.resolve(shipped) : this.cachedOrFetched(`kubernetes ${kubernetesVersion}`, existsSync(file), () => fetchKubernetesSpec(kubernetesVersion, this.fetchOptions()), () =>
        openApiFileSource(`Kubernetes ${kubernetesVersion} (cache)`, file),
      );
      this.kubernetes.set(kubernetesVersion, source);
    }
    return source;
  }

  private familySource(family: CrdFamily): Promise<SchemaSource | null> {
    let source = this.families.get(family.name);
    if (source === undefined) {
      const shipped = shippedCrdSource(family.name);
      const folder = crdFamilyFolder(this.options.cacheRoot, family.name);
      const complete = family.files.every((file) => existsSync(path.join(folder, path.posix.basename(file.path))));
      source = shipped !== null ? Promise.resolve(shipped) : this.cachedOrFetched(`${family.name} CRDs`, complete, () => fetchCrdFamily(family, this.fetchOptions()), () =>
        crdFolderSource(`${family.name} CRDs (cache)`, folder, this.options.cacheRoot),
      );
      this.families.set(family.name, source);
    }
    return source;
  }

  /**
   * The cached copy when present, else (online) a download into the cache. A failed download is noted, not thrown,
   * and not tried again for an hour (failed-downloads.ts).
   */
  private async cachedOrFetched(what: string, cached: boolean, fetch: () => Promise<string>, open: () => SchemaSource): Promise<SchemaSource | null> {
    if (cached) return open();
    if (this.options.offline) return null;
    const { cacheRoot, mirror } = this.options;
    const key = `${what} from ${mirror ?? "upstream"}`;
    const recent = recentFailure(cacheRoot, key);
    if (recent !== null) {
      this.failures.push(recent);
      return null;
    }
    try {
      await fetch();
      forgetFailure(cacheRoot, key);
      return open();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rememberFailure(cacheRoot, key, reason);
      this.failures.push(reason);
      return null;
    }
  }

  private fetchOptions(): { cacheRoot: string; timeoutMs: number; mirror: string | null } {
    return { cacheRoot: this.options.cacheRoot, timeoutMs: this.options.timeoutMs, mirror: this.options.mirror };
  }
}

function openApiFileSource(name: string, file: string): SchemaSource {
  const key = `${file}:${statSync(file).mtimeMs}`;
  let source = cachedSources.get(key);
  if (source === undefined) {
    source = openApiSource(name, `openapi:${key}`, () => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>);
    cachedSources.set(key, source);
  }
  return source;
}

function crdFolderSource(name: string, folder: string, cacheRoot: string): SchemaSource {
  const files = filesBelow(folder);
  const key = `${folder}:${files.map((file) => statSync(file).mtimeMs).join(",")}`;
  let source = cachedSources.get(key);
  if (source === undefined) {
    source = crdFilesSource(name, files, cacheRoot);
    cachedSources.set(key, source);
  }
  return source;
}
