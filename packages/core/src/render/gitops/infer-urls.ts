// This repository's URL when git has no `origin` remote: the URL its own objects use for folders of this tree
// (the `flux-system` GitRepository, Argo CD sources whose path is a folder here other than the root).
import { isObject } from "../resource.js";
import { treePath } from "./local-source.js";
import { isArgoApplication, type RepoObject } from "./objects.js";
import { normalizeGitUrl, type ThisRepository } from "./this-repository.js";

export function inferUrls(repo: ThisRepository, objects: readonly RepoObject[], folders: ReadonlySet<string>): ThisRepository {
  if (repo.urls.size > 0) return repo;
  const urls = new Set<string>();
  for (const object of objects) {
    if (object.group === "source.toolkit.fluxcd.io" && object.kind === "GitRepository" && object.name === "flux-system" && typeof object.spec["url"] === "string") {
      urls.add(normalizeGitUrl(object.spec["url"]));
    }
    if (!isArgoApplication(object)) continue;
    const sources = [object.spec["source"], ...(Array.isArray(object.spec["sources"]) ? object.spec["sources"] : [])].filter(isObject);
    for (const source of sources) {
      if (typeof source["repoURL"] !== "string" || typeof source["path"] !== "string") continue;
      const folder = treePath(source["path"], repo.prefix);
      if (folder !== null && folder !== "." && folders.has(folder)) urls.add(normalizeGitUrl(source["repoURL"]));
    }
  }
  return { ...repo, urls };
}
