// The render/* rules: problems the renderer met (kustomize failed, a remote base, an environment not rendered), and
// the repository-level notes of environment resolution (a foreign source, a folder no environment renders).
import type { RenderProblem } from "../../types.js";
import type { Rule, RuleMeta } from "../rule.js";

function renderRule(meta: RuleMeta & { id: RenderProblem["rule"] }): Rule {
  return {
    meta,
    run(context) {
      for (const { env, problems } of context.render.environments) {
        for (const problem of problems) {
          if (problem.rule !== meta.id) continue;
          context.report({ env: env.name, location: problem.location, message: problem.message, subject: problem.message });
        }
      }
      for (const note of context.render.notes ?? []) {
        if (note.rule === meta.id) context.report({ env: null, location: note.location, message: note.message, subject: note.message });
      }
    },
  };
}

export const renderFailed = renderRule({
  id: "render/failed",
  severity: "error",
  description: "The environment could not be rendered (kustomize failed on the repo's content).",
  docs: "Run `kubectl kustomize <path>` (or `kustomize build`) locally and fix what it reports: a missing file, a bad patch, a resource defined twice.",
});

export const remoteSource = renderRule({
  id: "render/remote-source",
  severity: "error",
  description: "A kustomization references a remote base, which a pre-merge check cannot pin or review.",
  docs: "Vendor the base into the repo, or pass --allow-remote to let kustomize fetch it.",
});

export const notRendered = renderRule({
  id: "render/not-rendered",
  severity: "info",
  description: "An environment or a HelmRelease was not rendered because its renderer (helm) is not on PATH.",
  docs: "Install helm (v3) so mergegate can run `helm template` with the chart's values; until then those objects are not checked.",
});

export const externalSource = renderRule({
  id: "render/external-source",
  severity: "info",
  description: "A Flux or Argo CD object takes its source from another repository, branch, tag or artifact: it is not rendered from this tree.",
  docs: "Nothing to fix when the source is meant to be elsewhere (a tenant's own repository, a chart repository, an OCI artifact): check that source where it lives. This repository is the URL of `git remote get-url origin` at HEAD, the default branch, the --base branch or the checked-out branch; without an origin remote, the URL the repository's own objects use for its folders (see the README's \"Foreign sources\").",
});

export const uncovered = renderRule({
  id: "render/uncovered",
  severity: "info",
  description: "A folder of manifests (or a kustomization or chart) that no environment renders, so nothing checks it.",
  docs: "Add an environment for it under `environments:` in mergegate.yaml (path: the folder), point a Flux Kustomization or Argo CD Application at it, or list it under `exclude` when it is not meant to be deployed.",
});
