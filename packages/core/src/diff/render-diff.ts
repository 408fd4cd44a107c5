// The render diff: per environment, the objects added, removed and changed between base and head.
// Secret values in the changes are redacted by report/redact-result.ts, with every other output.
import { isObject } from "../render/resource.js";
import { mergeKeyTable, type MergeKeyTable } from "../schemas/merge-key-table.js";
import { crdVersions } from "../schemas/crd-source.js";
import type { EnvironmentRender, KubeObject, Render, Resource, ResourceKey } from "../types.js";
import { alignToHead } from "./align.js";
import type { ObjectKind } from "./merge-keys.js";
import { diffObjects, type FieldChange } from "./object-diff.js";

export interface ChangedObject {
  ref: ResourceKey;
  /** The base name when kustomize's hash suffix changed (a generated ConfigMap or Secret whose content changed). */
  previousName: string | null;
  changes: FieldChange[];
  /**
   * Both versions whole, for the unified YAML diff of text and markdown (the JSON format leaves them out): the base's
   * with its keyed lists in the head's order.
   */
  objects: { before: unknown; after: KubeObject };
}

export interface EnvironmentDiff {
  env: string;
  added: ResourceKey[];
  removed: ResourceKey[];
  changed: ChangedObject[];
}

export interface DiffSide {
  ref: string;
  commit: string | null;
}

export interface RenderDiff {
  base: DiffSide;
  head: DiffSide;
  environments: EnvironmentDiff[];
}

/** Kustomize's content hash: a dash and 10 characters at the end of a generated name. */
const hashSuffix = /-[a-z0-9]{10}$/;
const generatedKinds = new Set(["ConfigMap", "Secret"]);

function identity(key: ResourceKey, name: string | null = key.name): string {
  const group = key.apiVersion !== null && key.apiVersion.includes("/") ? key.apiVersion.split("/")[0] : "";
  return [group, key.kind ?? "", key.namespace ?? "", name ?? ""].join("\u0000");
}

export function compareKeys(a: ResourceKey, b: ResourceKey): number {
  const text = (key: ResourceKey): string => [key.kind ?? "", key.namespace ?? "", key.name ?? "", key.apiVersion ?? ""].join("\u0000");
  const left = text(a);
  const right = text(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function diffRenders(base: Render, head: Render, sides: { base: DiffSide; head: DiffSide }): RenderDiff {
  const baseByName = new Map(base.environments.map((envRender) => [envRender.env.name, envRender]));
  const headByName = new Map(head.environments.map((envRender) => [envRender.env.name, envRender]));
  const names = [...headByName.keys(), ...[...baseByName.keys()].filter((name) => !headByName.has(name))];
  return {
    ...sides,
    environments: names.map((name) => diffEnvironment(name, baseByName.get(name), headByName.get(name))),
  };
}

/** The merge keys of the CRDs in an environment's render, made on first use. */
function localCrdKeys(resources: readonly Resource[]): () => MergeKeyTable {
  let table: MergeKeyTable | null = null;
  return () => {
    table ??= mergeKeyTable(
      [],
      resources.filter((resource) => resource.key.kind === "CustomResourceDefinition" && isObject(resource.object)).flatMap((resource) => crdVersions(resource.object)),
    );
    return table;
  };
}

/** The changes between two versions of an object and, when there are any, both versions for the YAML diff. */
function compare(previous: Resource, resource: Resource, localCrds: () => MergeKeyTable): Pick<ChangedObject, "changes" | "objects"> {
  // One object on both sides (a file both trees share, as an overlay shares the files it leaves alone): unchanged,
  // without a walk over its fields (which is most of a staged check's diff on a large repository)
  if (previous.object === resource.object) return { changes: [], objects: { before: previous.object, after: resource.object } };
  const kind: ObjectKind = { apiVersion: resource.key.apiVersion, kind: resource.key.kind, localCrds };
  const changes = diffObjects(previous.object, resource.object, kind);
  const before = changes.length === 0 ? previous.object : alignToHead(previous.object, resource.object, kind);
  return { changes, objects: { before, after: resource.object } };
}

function diffEnvironment(env: string, base: EnvironmentRender | undefined, head: EnvironmentRender | undefined): EnvironmentDiff {
  const before = new Map((base?.resources ?? []).map((resource) => [identity(resource.key), resource]));
  const after = new Map((head?.resources ?? []).map((resource) => [identity(resource.key), resource]));
  const localCrds = localCrdKeys(head?.resources ?? []);
  const added: Resource[] = [];
  const changed: ChangedObject[] = [];
  for (const [key, resource] of after) {
    const previous = before.get(key);
    if (previous === undefined) {
      added.push(resource);
      continue;
    }
    before.delete(key);
    const comparison = compare(previous, resource, localCrds);
    if (comparison.changes.length > 0) changed.push({ ref: resource.key, previousName: null, ...comparison });
  }
  // What remains in `before` was removed — unless it is a generated object whose hash suffix changed.
  const stillAdded: Resource[] = [];
  for (const resource of added) {
    const renamed = renamedFrom(resource, before);
    if (renamed === null) {
      stillAdded.push(resource);
      continue;
    }
    before.delete(identity(renamed.key));
    changed.push({ ref: resource.key, previousName: renamed.key.name, ...compare(renamed, resource, localCrds) });
  }
  return {
    env,
    added: stillAdded.map((resource) => resource.key).sort(compareKeys),
    removed: [...before.values()].map((resource) => resource.key).sort(compareKeys),
    changed: changed.sort((a, b) => compareKeys(a.ref, b.ref)),
  };
}

function renamedFrom(resource: Resource, removed: Map<string, Resource>): Resource | null {
  const name = resource.key.name;
  if (name === null || !generatedKinds.has(resource.key.kind ?? "") || !hashSuffix.test(name)) return null;
  const stem = name.replace(hashSuffix, "");
  for (const candidate of removed.values()) {
    const candidateName = candidate.key.name;
    if (candidateName === null || !hashSuffix.test(candidateName) || candidateName.replace(hashSuffix, "") !== stem) continue;
    if (identity(candidate.key, stem) === identity(resource.key, stem)) return candidate;
  }
  return null;
}
