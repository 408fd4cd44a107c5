// The GitOps controller objects as written in the repository (Flux, Argo CD, their sources and ConfigMaps), with
// the file and line each one starts at — the raw material the Flux and Argo CD models read.
import type { Node } from "yaml";
import { lineColumnOf, nodeRange } from "../../repo/positions.js";
import type { Location, SourceFile } from "../../types.js";
import { isObject } from "../resource.js";

export interface RepoObject {
  group: string;
  kind: string;
  name: string;
  /** metadata.namespace, or null when the file leaves it to a kustomization or the controller. */
  namespace: string | null;
  value: Record<string, unknown>;
  spec: Record<string, unknown>;
  file: SourceFile;
  documentIndex: number;
}

/** Every document with apiVersion, kind and a name, in path order. */
export function repoObjects(files: ReadonlyMap<string, SourceFile>): RepoObject[] {
  const found: RepoObject[] = [];
  for (const file of [...files.values()].sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1))) {
    file.values.forEach((value, documentIndex) => {
      if (!isObject(value) || typeof value["apiVersion"] !== "string" || typeof value["kind"] !== "string") return;
      const metadata = isObject(value["metadata"]) ? value["metadata"] : {};
      if (typeof metadata["name"] !== "string") return;
      found.push({
        group: value["apiVersion"].includes("/") ? (value["apiVersion"].split("/")[0] ?? "") : "",
        kind: value["kind"],
        name: metadata["name"],
        namespace: typeof metadata["namespace"] === "string" ? metadata["namespace"] : null,
        value,
        spec: isObject(value["spec"]) ? value["spec"] : {},
        file,
        documentIndex,
      });
    });
  }
  return found;
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
