// The trees --staged and --base compare, made from the loaded work tree and what git says differs from it.
import type { LoadedTree } from "../render/render-repo.js";
import { workTreeChanges, type WorkTree } from "./git.js";
import { readBlobs, type Revision } from "./objects.js";
import { overlayTree, type OverlayOptions, type OverlayTree } from "./overlay-tree.js";

/** The index (what would be committed): the work tree with its unstaged changes and untracked files taken back. */
export async function indexTree(tree: WorkTree, workTree: LoadedTree, options: OverlayOptions): Promise<OverlayTree> {
  const { modified, untracked } = await workTreeChanges(tree);
  const replaced = await contentsAt(tree, "index", modified);
  for (const file of untracked) if (file.startsWith(tree.prefix)) replaced.set(file.slice(tree.prefix.length), null);
  return overlayTree(workTree, replaced, options);
}

/** A commit: `head` with each path changed since the commit (top-level-relative) read from the commit. */
export async function commitTree(tree: WorkTree, commit: string, head: LoadedTree, changed: readonly string[], options: OverlayOptions): Promise<OverlayTree> {
  return overlayTree(head, await contentsAt(tree, { commit }, changed), options);
}

/** DIR-relative path → content at the revision (null where it lacks the path), for the paths inside DIR. */
async function contentsAt(tree: WorkTree, revision: Revision, paths: readonly string[]): Promise<Map<string, Buffer | null>> {
  const inside = paths.filter((file) => file.startsWith(tree.prefix));
  const contents = await readBlobs(tree.top, revision, inside);
  return new Map(inside.map((file) => [file.slice(tree.prefix.length), contents.get(file) ?? null]));
}
