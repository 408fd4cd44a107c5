// The YAML syntax trees of the files a run is locating in: parsed again on demand and kept for the few files used
// last only, so that retained memory does not grow with the repository (values and errors are kept instead).
import type { Document } from "yaml";
import { RecentlyUsed } from "./recently-used.js";
import { parseYaml } from "./yaml-budget.js";

/** How many files' syntax trees stay parsed; locating a finding walks a handful of files (origin, patches, kustomizations). */
export const retainedTrees = 64;

const recent = new RecentlyUsed<Document.Parsed[]>(retainedTrees);

/** The documents of `owner`'s text, from the recent ones or parsed now (then the least recently used is dropped). */
export function documentsOf(owner: object, text: string): Document.Parsed[] {
  return recent.of(owner, () => parseYaml(text));
}
