// What a controller does to a unit's objects after the build: Flux `postBuild` variable substitution, and for plain
// folders (which kustomize does not build) the target namespace and common metadata.
import type { RenderProblem, Resource, SourceFile } from "../types.js";
import type { EnvironmentRender } from "../types.js";
import { substituteDeep, substitutionDisabled } from "./gitops/substitute.js";
import type { RenderUnit } from "./gitops/units.js";
import { isObject, resourceKeyOf } from "./resource.js";

type UnitRender = Pick<EnvironmentRender, "resources" | "kustomizations" | "failed" | "skippedReason" | "problems">;

/** Kinds that have no namespace (the common ones; `Cluster*` kinds too). */
const clusterScoped = new Set([
  "Namespace", "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass",
  "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
  "APIService", "CSIDriver", "CSINode", "Node", "VolumeSnapshotClass", "ConstraintTemplate", "GatewayClass",
]);

export function withPostBuild(unit: RenderUnit, render: UnitRender, files: ReadonlyMap<string, SourceFile>): UnitRender {
  const problems: RenderProblem[] = [...render.problems];
  let resources = render.resources;
  if (unit.renderer === "plain" && unit.overlay !== null) resources = withPlainOverlay(unit, resources, problems, files);
  if (unit.substitute !== null) resources = substituted(unit, unit.substitute, resources, problems, files);
  return { ...render, resources, problems };
}

function withPlainOverlay(unit: RenderUnit, resources: readonly Resource[], problems: RenderProblem[], files: ReadonlyMap<string, SourceFile>): Resource[] {
  const overlay = unit.overlay ?? {};
  const unapplied = (["patches", "components", "images", "namePrefix", "nameSuffix"] as const).filter((key) => overlay[key] !== undefined);
  if (unapplied.length > 0) {
    problems.push({
      rule: "render/not-rendered",
      message: `${unit.via ?? "the controller"}: ${unapplied.join(", ")} ${unapplied.length === 1 ? "is" : "are"} not applied to the plain folder ${unit.path} (it has no kustomization)`,
      location: definedInLocation(unit, files),
    });
  }
  return resources.map((resource) => {
    const object = structuredClone(resource.object);
    const metadata = isObject(object["metadata"]) ? object["metadata"] : (object["metadata"] = {});
    const kind = typeof object["kind"] === "string" ? object["kind"] : "";
    if (overlay.namespace !== undefined && !clusterScoped.has(kind) && !kind.startsWith("Cluster")) (metadata as Record<string, unknown>)["namespace"] = overlay.namespace;
    if (overlay.labels !== undefined) (metadata as Record<string, unknown>)["labels"] = { ...(isObject(metadata["labels"]) ? metadata["labels"] : {}), ...overlay.labels };
    if (overlay.annotations !== undefined) (metadata as Record<string, unknown>)["annotations"] = { ...(isObject(metadata["annotations"]) ? metadata["annotations"] : {}), ...overlay.annotations };
    return { ...resource, object, key: resourceKeyOf(object) };
  });
}

function substituted(unit: RenderUnit, values: Record<string, string>, resources: readonly Resource[], problems: RenderProblem[], files: ReadonlyMap<string, SourceFile>): Resource[] {
  const unresolved = new Set<string>();
  const result = resources.map((resource) => {
    if (substitutionDisabled(resource.object)) return resource;
    const object = substituteDeep(resource.object, values, unresolved);
    return { ...resource, object, key: resourceKeyOf(object) };
  });
  if (unresolved.size > 0) {
    const missing = unit.missingVariableSources ?? [];
    problems.push({
      rule: "render/not-rendered",
      message: `${unit.via ?? "postBuild"}: ${[...unresolved].sort().map((name) => `\${${name}}`).join(", ")} ${unresolved.size === 1 ? "is" : "are"} not substituted: no value in postBuild${missing.length > 0 ? ` (${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in the repository)` : ""}`,
      location: definedInLocation(unit, files),
    });
  }
  return result;
}

function definedInLocation(unit: RenderUnit, files: ReadonlyMap<string, SourceFile>): RenderProblem["location"] {
  const file = unit.definedIn[0] === undefined ? undefined : files.get(unit.definedIn[0]);
  return file === undefined ? null : { file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
