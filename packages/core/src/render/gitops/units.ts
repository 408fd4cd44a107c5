// A render unit: one folder as one controller applies it (kustomize root, plain folder or chart), with what the
// controller adds on top (target namespace, patches, images, postBuild variables). Environments are lists of units.
import path from "node:path";
import type { HelmSource, SourceFile } from "../../types.js";
import { globPattern } from "./globs.js";

/** What a Flux Kustomization or an Argo CD `source.kustomize` adds to the folder's own kustomization. */
export interface UnitOverlay {
  namespace?: string;
  /** kustomize `patches` entries (inline `patch` with `target`), as the controller object writes them. */
  patches?: unknown[];
  /** Repo-relative component folders. */
  components?: string[];
  /** kustomize `images` entries. */
  images?: unknown[];
  namePrefix?: string;
  nameSuffix?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Which files of a plain folder are applied (Argo CD `directory`, Flux's generated kustomization). */
export interface PlainSelection {
  recurse: boolean;
  include: string[];
  exclude: string[];
  /** Sub-folders applied as units of their own (Flux: folders with a kustomization file). */
  skipDirs: string[];
}

export interface RenderUnit {
  /** Repo-relative folder. */
  path: string;
  renderer: "kustomize" | "plain" | "helm";
  plain?: PlainSelection;
  overlay: UnitOverlay | null;
  /** Flux `postBuild` variables (substitute + substituteFrom found in the repo), or null. */
  substitute: Record<string, string> | null;
  /** Flux `postBuild` variable sources that are not in the repository (reported when a variable stays unresolved). */
  missingVariableSources?: string[];
  helm?: HelmSource;
  /** Repo paths of the controller objects that define this unit: their changes change the render. */
  definedIn: string[];
  /** The controller object, for messages ("Flux Kustomization flux-system/apps"); null for plain detection. */
  via: string | null;
}

export function simpleUnit(unitPath: string, renderer: RenderUnit["renderer"], helm?: HelmSource): RenderUnit {
  return { path: unitPath, renderer, overlay: null, substitute: null, definedIn: [], via: null, ...(helm === undefined ? {} : { helm }) };
}

/** Whether a file belongs to a plain unit: under its folder, within its recursion and globs. */
export function inPlainUnit(unit: RenderUnit, repoPath: string): boolean {
  const prefix = unit.path === "." ? "" : unit.path + "/";
  if (!repoPath.startsWith(prefix)) return false;
  const rest = repoPath.slice(prefix.length);
  const selection = unit.plain;
  if (selection === undefined) return true;
  if (!selection.recurse && rest.includes("/")) return false;
  if (selection.skipDirs.some((dir) => repoPath.startsWith(dir + "/"))) return false;
  const base = path.posix.basename(repoPath);
  const matches = (glob: string): boolean => globPattern(glob.replace(/^\{|\}$/g, "")).test(glob.includes("/") ? rest : base);
  if (selection.include.length > 0 && !selection.include.some((glob) => splitBraces(glob).some(matches))) return false;
  return !selection.exclude.some((glob) => splitBraces(glob).some(matches));
}

/** Argo CD's `{a.yaml,b.yaml}` include/exclude lists. */
function splitBraces(glob: string): string[] {
  const braces = /^\{(.*)\}$/.exec(glob);
  return braces === null ? [glob] : (braces[1] ?? "").split(",").map((part) => part.trim());
}

/** The plain unit's loaded files. */
export function plainUnitFiles(unit: RenderUnit, files: ReadonlyMap<string, SourceFile>): SourceFile[] {
  return [...files.values()].filter((file) => inPlainUnit(unit, file.repoPath));
}
