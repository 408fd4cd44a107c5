// The render/* rules: problems the renderer met (kustomize failed, a remote base, an environment not rendered).
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
