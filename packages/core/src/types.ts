// The data that flows through the gate: sources, resources, environments, findings and the verdict.
import type { Document, YAMLError } from "yaml";
import type { DocumentIdentity } from "./repo/identities.js";
import type { Outline } from "./repo/outline.js";
import type { Config } from "./config/config.js";
import type { RenderDiff } from "./diff/render-diff.js";
import type { BaselineEntry } from "./verdict/suppressions/baseline.js";
import type { Kustomization } from "./render/kustomization-files.js";
import type { RenderUnit } from "./render/gitops/units.js";

export type Severity = "error" | "warning" | "info";
export type FailOn = Severity | "never";
export type RendererName = "auto" | "kustomize" | "plain" | "helm";

/** One file of the repository, with its YAML documents when it is a YAML file. */
export interface SourceFile {
  /** POSIX path relative to the report root (git top-level when DIR is in a work tree, else DIR). */
  path: string;
  /** POSIX path relative to DIR, the repository being checked. */
  repoPath: string;
  /** Absolute path on disk. */
  absolutePath: string;
  text: string;
  /** Each YAML document's plain value (empty for files that are not parsed as YAML). */
  values: unknown[];
  /** Each document's apiVersion, kind, name and namespace (null where it has no string apiVersion and kind), without its value. */
  readonly identities: readonly (DocumentIdentity | null)[];
  /** Each YAML document's parse errors, in document order (DUPLICATE_KEY among them). */
  errors: YAMLError[][];
  /**
   * The YAML documents with positions, parsed again on demand: the loader keeps only values and errors, and only
   * the files used last keep their syntax trees (repo/documents.ts), so retained memory does not grow with the repo.
   */
  readonly documents: Document.Parsed[];
  /** Where each document's nodes are written, for files the parse cache served (locate reads them instead of parsing). */
  readonly outlines?: (Outline | null)[];
  /** Offsets of line starts, for offset → line:column. */
  lineStarts: number[];
}

export interface ResourceKey {
  apiVersion: string | null;
  kind: string | null;
  namespace: string | null;
  name: string | null;
}

/** Where a rendered object came from. */
export interface Origin {
  /** Repo-relative file holding the object's source document. */
  file: string;
  /** Index of the document inside that file, when known. */
  documentIndex: number | null;
  /** Pointer of the object inside its document ("" or "/items/3" for a List item). */
  basePointer: string;
  /** For generated objects (configMapGenerator, …): the kustomization file and generator kind. */
  generator: { kind: string; name: string | null } | null;
}

export type KubeObject = Record<string, unknown>;

export interface Resource {
  key: ResourceKey;
  object: KubeObject;
  origin: Origin;
  env: string;
}

export interface Environment {
  name: string;
  /** Repo-relative root path of the environment ("." for the repo root). */
  path: string;
  renderer: Exclude<RendererName, "auto">;
  failOn: FailOn;
  kubernetesVersion: string | null;
  progressive: boolean;
  /** The one production predicate (render/production.ts): `production:` in mergegate.yaml, else the name. */
  production: boolean;
  /** What is rendered, in order: one unit per folder a controller (or the configuration) applies. */
  units: RenderUnit[];
  /** Report paths of the repository files read to render it (inputs.ts), sorted. */
  sources: string[];
  /** Who named it: mergegate.yaml, a Flux cluster, Argo CD, or folder convention. */
  detectedBy: "config" | "flux" | "argocd" | "convention";
  /** `kustomizeBuildOptions` that apply (mergegate.yaml per environment, top level, or argocd-cm). */
  kustomizeBuildOptions: string[];
}

/** How to template one in-repo chart: `helm template RELEASE CHART --namespace NS -f FILE…` plus inline values. */
export interface HelmSource {
  release: string;
  namespace: string | null;
  /** DIR-relative values files, applied in order. */
  valueFiles: string[];
  /** Inline values (applied after the files), or null. */
  values: Record<string, unknown> | null;
}

export interface EnvironmentRender {
  env: Environment;
  resources: Resource[];
  /** Kustomizations of this environment's graph, root first (empty for plain renders). */
  kustomizations: Kustomization[];
  /** True when rendering failed and `resources` is empty or partial. */
  failed: boolean;
  skippedReason: string | null;
  /** What went wrong while rendering; the render/* rules report these. */
  problems: RenderProblem[];
}

export interface RenderProblem {
  rule: "render/failed" | "render/remote-source" | "render/not-rendered" | "render/external-source" | "render/uncovered";
  message: string;
  location: Location | null;
}

export interface Render {
  environments: EnvironmentRender[];
  /** Repository-level render notes that belong to no environment (foreign sources, uncovered folders). */
  notes?: RenderProblem[];
}

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Suppression {
  kind: "inline" | "waiver" | "baseline" | "exception";
  reason: string | null;
  owner: string | null;
  expires: string | null;
}

export interface Finding {
  check: string;
  rule: string;
  severity: Severity;
  message: string;
  env: string | null;
  resource: ResourceKey | null;
  location: Location | null;
  path: string | null;
  help: string | null;
  fingerprint: string;
  suppression: Suppression | null;
  /** With `--new-only`: "unchanged" when the base's result has the same env and fingerprint, else "new"; null without. */
  baselineState: BaselineState | null;
}

export type BaselineState = "new" | "unchanged";

export interface Counts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  /** Findings the base also has (`--new-only`): they do not count toward the verdict. */
  unchanged: number;
}

export type Status = "pass" | "fail" | "error";
/** An environment's status: "skipped" ones (see skippedReason) were not checked and never count toward the verdict. */
export type EnvironmentStatus = Status | "skipped";

export interface EnvironmentVerdict {
  name: string;
  path: string;
  renderer: string;
  status: EnvironmentStatus;
  failOn: FailOn;
  counts: Counts;
  skippedReason: string | null;
  /** Report paths of the files read to render it. */
  sources: string[];
  production: boolean;
}

export interface Verdict {
  status: Status;
  exitCode: 0 | 1 | 2;
  counts: Counts;
  environments: EnvironmentVerdict[];
  /** File-level findings (env null: broken YAML, secrets in files), against the strictest environment's failOn. */
  files: FilesVerdict;
}

export interface FilesVerdict {
  status: "pass" | "fail";
  failOn: FailOn;
  counts: Counts;
}

export interface ToolInfo {
  name: "mergegate";
  version: string;
  kustomize: string | null;
}

export interface GateResult {
  tool: ToolInfo;
  render: Render;
  findings: Finding[];
  verdict: Verdict;
  /** The render diff against the base, with `--base`, `--changed-only` or `--staged`. */
  diff: RenderDiff | null;
  /** Replaces every secret value known to the gate with its redacted form; every format goes through it. */
  redact: (text: string) => string;
  /** Baseline entries that matched no finding (for `baseline prune`). */
  unusedBaseline: BaselineEntry[];
  /** Absolute path of the checked folder, and its configuration. */
  root: string;
  config: Config;
  /** With `--shard K/N`: which shard this is and the environments it checked (for `mergegate merge`). */
  shard?: ShardCoverage;
}

export interface ShardCoverage {
  index: number;
  count: number;
  /** The environments this shard rendered and checked. */
  environments: string[];
  /** `--fail-on`, so the merged verdict applies the same thresholds. */
  failOn: FailOn | null;
  /** The facts behind this shard's run-level summary findings, so that merge can total them over all shards. */
  summaries: RunSummary[];
}

/**
 * The facts behind a run-level summary finding (e.g. schema/no-source totals the objects of every environment):
 * each checked environment's part, and the part that belongs to the run as a whole (e.g. failed downloads).
 */
export interface SummaryFacts {
  environments: Record<string, unknown>;
  run: unknown;
}

export interface RunSummary {
  rule: string;
  fingerprint: string;
  facts: SummaryFacts;
}
