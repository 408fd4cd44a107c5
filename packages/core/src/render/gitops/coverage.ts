// Coverage: every folder of manifests (documents with apiVersion and kind, a kustomization, a chart) that no
// environment reads yields one `render/uncovered` note, so nothing is silently unchecked.
import path from "node:path";
import type { Environment, RenderProblem, SourceFile } from "../../types.js";
import { environmentInputs, touches, type RenderInputs } from "../inputs.js";
import { isKustomizationFile, kustomizationNames } from "../kustomization-files.js";
import { isManifestPath } from "../plain.js";

export function uncoveredNotes(environments: readonly Environment[], files: Map<string, SourceFile>): RenderProblem[] {
  const inputs: RenderInputs[] = environments.map((env) => environmentInputs(env, files));
  const covered = (repoPath: string): boolean => inputs.some((input) => touches(input, repoPath));
  const charts = [...files.keys()].filter((file) => path.posix.basename(file) === "Chart.yaml").map((file) => path.posix.dirname(file));
  const inChart = (file: string): boolean => charts.some((chart) => chart === "." || file.startsWith(chart + "/"));
  const byFolder = new Map<string, SourceFile[]>();
  for (const file of [...files.values()].sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1))) {
    const base = path.posix.basename(file.repoPath);
    const isChart = base === "Chart.yaml";
    const isKustomization = (kustomizationNames as readonly string[]).includes(base);
    if (!isChart && inChart(file.repoPath)) continue;
    // a path lookup before the file's values: most files are covered, and their values need not be read for this
    if (covered(file.repoPath)) continue;
    if (!isChart && !isKustomization && !(isManifestPath(file.repoPath) && file.identities.some((identity) => identity !== null))) continue;
    const folder = path.posix.dirname(file.repoPath);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder.entries()].map(([folder, uncovered]) => {
    const kustomization = uncovered.find((file) => isKustomizationFile(file.repoPath) || path.posix.basename(file.repoPath) === "Chart.yaml");
    const shown = kustomization ?? uncovered[0];
    const what = kustomization !== undefined ? (path.posix.basename(kustomization.repoPath) === "Chart.yaml" ? "a Helm chart" : "a kustomization") : `${uncovered.length} manifest file${uncovered.length === 1 ? "" : "s"}`;
    return {
      rule: "render/uncovered" as const,
      message: `${folder === "." ? "the repository root" : folder} holds ${what} that no environment renders, so it is not checked: add it under \`environments:\` in mergegate.yaml, or to \`exclude\``,
      location: shown === undefined ? null : { file: shown.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
    };
  });
}
