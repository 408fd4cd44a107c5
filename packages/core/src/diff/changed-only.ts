// --changed-only: keep the findings a change is responsible for — on added or changed objects, on changed lines,
// and render problems the base did not have.
import type { EnvironmentRender, Finding, Render, Resource } from "../types.js";
import type { RenderDiff } from "./render-diff.js";

export type ChangedLines = Map<string, Set<number> | "all">;

function resourceIdentity(env: string, key: { kind: string | null; namespace: string | null; name: string | null }): string {
  return [env, key.kind ?? "", key.namespace ?? "", key.name ?? ""].join("\u0000");
}

function touchedObjects(diff: RenderDiff): Set<string> {
  const touched = new Set<string>();
  for (const envDiff of diff.environments) {
    for (const key of envDiff.added) touched.add(resourceIdentity(envDiff.env, key));
    for (const { ref } of envDiff.changed) touched.add(resourceIdentity(envDiff.env, ref));
  }
  return touched;
}

/**
 * The objects whose findings keepChanged can keep, so that checks evaluate only those: the added and changed ones,
 * and those written in a file with changed lines. A finding is located in its object's file, or in a kustomization
 * or patch: when an environment's changed file is none of its objects' files, every object of it is in scope.
 * (A change to a shared input — configuration, suppressions, policies — is for the caller: it checks everything.)
 */
export function changedScope(render: Render, diff: RenderDiff, lines: ChangedLines, reportPrefix: string): Set<Resource> {
  const touched = touchedObjects(diff);
  const scope = new Set<Resource>();
  for (const envRender of render.environments) {
    const origins = new Set(envRender.resources.map((resource) => reportPrefix + resource.origin.file));
    const elsewhere = envRender.kustomizations.length > 0 && envRender.env.sources.some((file) => lines.has(file) && !origins.has(file));
    for (const resource of envRender.resources) {
      if (elsewhere || lines.has(reportPrefix + resource.origin.file) || touched.has(resourceIdentity(envRender.env.name, resource.key))) scope.add(resource);
    }
  }
  return scope;
}

export function keepChanged(findings: readonly Finding[], diff: RenderDiff, lines: ChangedLines, base: Render): Finding[] {
  const touched = touchedObjects(diff);
  const baseProblems = new Set(
    base.environments.flatMap((envRender: EnvironmentRender) => envRender.problems.map((problem) => `${envRender.env.name}\u0000${problem.rule}\u0000${problem.message}`)),
  );
  return findings.filter((finding) => {
    if (finding.env !== null && finding.resource !== null && touched.has(resourceIdentity(finding.env, finding.resource))) return true;
    if (finding.check === "render" && finding.env !== null && !baseProblems.has(`${finding.env}\u0000${finding.rule}\u0000${finding.message}`)) return true;
    return onChangedLine(finding, lines);
  });
}

function onChangedLine(finding: Finding, lines: ChangedLines): boolean {
  const location = finding.location;
  if (location === null) return false;
  const changed = lines.get(location.file);
  if (changed === undefined) return false;
  if (changed === "all") return true;
  for (let line = location.line; line <= Math.max(location.line, location.endLine); line++) if (changed.has(line)) return true;
  return false;
}
