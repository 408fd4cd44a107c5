// The GitOps controller objects as written in the repository (Flux, Argo CD, their sources and ConfigMaps), with
// the file and line each one starts at — the raw material the Flux and Argo CD models read.
import type { Node } from "yaml";
import type { DocumentIdentity } from "../../repo/identities.js";
import { lineColumnOf, nodeRange } from "../../repo/positions.js";
import type { Location, SourceFile } from "../../types.js";
import { isObject } from "../resource.js";

export interface RepoObject {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace, or null when the file leaves it to a kustomization or the controller. */
  readonly namespace: string | null;
  readonly value: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
  readonly file: SourceFile;
  readonly documentIndex: number;
}

/** The kinds the Flux and Argo CD models start from, and HelmReleases (their charts are inputs wherever they are). */
const entryKinds: ReadonlySet<string> = new Set(["Kustomization", "Application", "ApplicationSet", "HelmRelease"]);
/** The kinds the models read only when an entry leads to them: sources, variables, settings and clusters. */
const referencedKinds: ReadonlySet<string> = new Set(["GitRepository", "ArtifactGenerator", "ConfigMap", "Secret"]);

/**
 * Only objects of these kinds are handed to the models, so a change to any other document that keeps its identity
 * cannot change the environments (render/same-environments.ts).
 */
export function isEntryKind(kind: string): boolean {
  return entryKinds.has(kind);
}

export function isReferencedKind(kind: string): boolean {
  return referencedKinds.has(kind);
}

/**
 * Every document of a followed kind with apiVersion and a name, in path order. Found by the files' identities: an
 * object's value (and its file's values) is read only when a model asks for it.
 */
export function repoObjects(files: ReadonlyMap<string, SourceFile>): RepoObject[] {
  const found: RepoObject[] = [];
  for (const file of [...files.values()].sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1))) {
    file.identities.forEach((identity, documentIndex) => {
      if (identity !== null && identity.name !== null && (entryKinds.has(identity.kind) || referencedKinds.has(identity.kind))) found.push(new FileObject(identity, identity.name, file, documentIndex));
    });
  }
  return found;
}

/** A repository object whose value is read from its file when first used. */
class FileObject implements RepoObject {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string | null;
  #spec: Record<string, unknown> | null = null;

  constructor(
    identity: DocumentIdentity,
    readonly name: string,
    readonly file: SourceFile,
    readonly documentIndex: number,
  ) {
    this.group = identity.apiVersion.includes("/") ? (identity.apiVersion.split("/")[0] ?? "") : "";
    this.kind = identity.kind;
    this.namespace = identity.namespace;
  }

  /** A document with an identity is a mapping. */
  get value(): Record<string, unknown> {
    return this.file.values[this.documentIndex] as Record<string, unknown>;
  }

  get spec(): Record<string, unknown> {
    if (this.#spec === null) {
      const spec = this.value["spec"];
      this.#spec = isObject(spec) ? spec : {};
    }
    return this.#spec;
  }
}

/** The object's first line. */
export function objectLocation(object: RepoObject): Location {
  const document = object.file.documents[object.documentIndex];
  const start = document?.contents === null || document?.contents === undefined ? 0 : nodeRange(document.contents as Node)[0];
  const { line, column } = lineColumnOf(object.file.lineStarts, start);
  return { file: object.file.path, line, column, endLine: line, endColumn: column };
}

export function describeObject(object: RepoObject): string {
  return `${object.kind} ${object.namespace === null ? "" : object.namespace + "/"}${object.name}`;
}

export const isFluxKustomization = (object: RepoObject): boolean => object.group === "kustomize.toolkit.fluxcd.io" && object.kind === "Kustomization";
export const isArgoApplication = (object: RepoObject): boolean => object.group === "argoproj.io" && object.kind === "Application";
export const isArgoApplicationSet = (object: RepoObject): boolean => object.group === "argoproj.io" && object.kind === "ApplicationSet";

/** Strings of a mapping (ConfigMap data, Secret stringData; Secret data base64-decoded). */
export function stringData(object: RepoObject): Record<string, string> {
  const values: Record<string, string> = {};
  const take = (source: unknown, decode: boolean): void => {
    if (!isObject(source)) return;
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === "string") values[key] = decode ? Buffer.from(value, "base64").toString("utf8") : value;
      else if (typeof value === "number" || typeof value === "boolean") values[key] = String(value);
    }
  };
  take(object.value["data"], object.kind === "Secret");
  take(object.value["stringData"], false);
  return values;
}
