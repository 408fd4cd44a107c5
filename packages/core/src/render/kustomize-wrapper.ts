// The wrapper kustomization a build runs on (in a temporary folder, never in the repo): the unit's folder as its one
// resource, origin annotations on (unless the caller has origins), and what the controller object adds (namespace,
// patches, components, images …), written as JSON.
import path from "node:path";
import type { UnitOverlay } from "./gitops/units.js";

/**
 * `target` is the unit's folder relative to the wrapper; `repoRoot` and `wrapper` place the overlay's components;
 * `origins` asks for origin annotations.
 */
export function wrapperKustomization(target: string, overlay: UnitOverlay | null, repoRoot: string, wrapper: string, origins: boolean): string {
  const body: Record<string, unknown> = {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: [target],
  };
  if (origins) body["buildMetadata"] = ["originAnnotations"];
  if (overlay !== null) {
    if (overlay.namespace !== undefined) body["namespace"] = overlay.namespace;
    if (overlay.namePrefix !== undefined) body["namePrefix"] = overlay.namePrefix;
    if (overlay.nameSuffix !== undefined) body["nameSuffix"] = overlay.nameSuffix;
    if (overlay.components !== undefined) body["components"] = overlay.components.map((component) => path.relative(wrapper, path.join(repoRoot, component)).split(path.sep).join("/"));
    if (overlay.images !== undefined) body["images"] = overlay.images;
    if (overlay.patches !== undefined) body["patches"] = overlay.patches;
    if (overlay.labels !== undefined) body["labels"] = [{ pairs: overlay.labels }];
    if (overlay.annotations !== undefined) body["commonAnnotations"] = overlay.annotations;
  }
  // JSON is YAML: kustomize reads it as it reads any kustomization, and writing it costs no YAML writer
  return JSON.stringify(body);
}
