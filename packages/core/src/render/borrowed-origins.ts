// Origins a head build takes from the base's render of the same environment instead of asking kustomize for them:
// kustomize's origin annotations cost a third of a small build's time, the one build of a pre-commit check.
// They are the base's exactly when the change cannot move an object to another file: no kustomization of the unit
// changed, and every changed input of the unit holds the same documents as in the base (apiVersion, kind, name and
// namespace, in order), its text changed only inside them. The head's objects are matched to the base's by identity;
// when one is not found (a patch renamed it) or the base renders it twice, the build asks kustomize after all.
import type { Environment, EnvironmentRender, Origin, Resource, SourceFile } from "../types.js";
import type { RenderUnit } from "./gitops/units.js";
import { touches, unitInputs } from "./inputs.js";
import { isKustomizationFile } from "./kustomization-files.js";

/** The origins by object identity a unit's build may take, or null: the build asks kustomize for them. */
export type OriginsOf = (env: Environment, unit: RenderUnit) => Promise<ReadonlyMap<string, Origin | null> | null> | null;

/** The base as the lender needs it: its files, its environments, and its render of one of them. */
export interface OriginBase {
  files: ReadonlyMap<string, SourceFile>;
  environments: readonly Environment[];
  render(env: string): Promise<EnvironmentRender>;
}

export interface OriginLender {
  /** For the head tree's builds (see render.ts). */
  originsOf: OriginsOf;
  /** Answers every request, those made so far and those to come, from this base (null: ask kustomize); the first call counts. */
  lend(base: OriginBase | null): void;
}

interface Request {
  env: Environment;
  unit: RenderUnit;
  changedInputs: string[];
  answer: (origins: ReadonlyMap<string, Origin | null> | null) => void;
}

/** A lender for the head tree whose files are `headFiles`, `changed` the DIR-relative paths that differ from the base. */
export function originLender(headFiles: ReadonlyMap<string, SourceFile>, changed: readonly string[]): OriginLender {
  const waiting: Request[] = [];
  let base: OriginBase | null | undefined;
  const settle = (request: Request): void => {
    if (base === undefined) waiting.push(request);
    else baseOrigins(base, request, headFiles).then(request.answer, () => request.answer(null));
  };
  return {
    originsOf(env, unit) {
      if (unit.renderer !== "kustomize") return null;
      const inputs = unitInputs(unit, headFiles);
      const changedInputs = changed.filter((file) => touches(inputs, file));
      if (changedInputs.some((file) => isKustomizationFile(file) || manifestIdentities(headFiles.get(file)) === null)) return null;
      return new Promise((answer) => settle({ env, unit, changedInputs, answer }));
    },
    lend(lent) {
      if (base !== undefined) return;
      base = lent;
      for (const request of waiting.splice(0)) settle(request);
    },
  };
}

/** The head's objects with the origins lent, or null when one of them has none (not in the base, or twice there). */
export function withOrigins(resources: readonly Resource[], origins: ReadonlyMap<string, Origin | null> | null): Resource[] | null {
  if (origins === null) return null;
  const lent: Resource[] = [];
  for (const resource of resources) {
    const origin = origins.get(identityOf(resource));
    if (origin === undefined || origin === null) return null;
    lent.push({ ...resource, origin });
  }
  return lent;
}

async function baseOrigins(base: OriginBase | null, request: Request, headFiles: ReadonlyMap<string, SourceFile>): Promise<ReadonlyMap<string, Origin | null> | null> {
  if (base === null) return null;
  const same = request.changedInputs.every((file) => {
    const head = manifestIdentities(headFiles.get(file));
    return head !== null && head === manifestIdentities(base.files.get(file));
  });
  const baseEnv = base.environments.find((env) => env.name === request.env.name);
  const unitKey = unitKeyOf(request.unit);
  if (!same || baseEnv === undefined || !baseEnv.units.some((unit) => unitKeyOf(unit) === unitKey)) return null;
  const envRender = await base.render(baseEnv.name);
  if (envRender.failed || envRender.problems.length > 0) return null;
  const origins = new Map<string, Origin | null>();
  // an identity the base renders twice lends no origin: which of the two the head's object is cannot be told
  for (const resource of envRender.resources) {
    const identity = identityOf(resource);
    origins.set(identity, origins.has(identity) ? null : resource.origin);
  }
  return origins;
}

/** A file's documents' identities as one text, when it holds manifests only; null otherwise (or when it is absent). */
function manifestIdentities(file: SourceFile | undefined): string | null {
  if (file === undefined || file.identities.length === 0 || file.identities.some((identity) => identity === null)) return null;
  return JSON.stringify(file.identities);
}

function unitKeyOf(unit: RenderUnit): string {
  return JSON.stringify([unit.path, unit.renderer, unit.overlay]);
}

function identityOf(resource: Resource): string {
  const { apiVersion, kind, namespace, name } = resource.key;
  return JSON.stringify([apiVersion, kind, namespace, name]);
}
