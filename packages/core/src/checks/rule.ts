// The check module interface: a rule is `meta` plus one `run(context)` that reports findings and returns nothing else.
import type { Config } from "../config/config.js";
import type { RenderDiff } from "../diff/render-diff.js";
import type { SkippedFile } from "../repo/load.js";
import type { SchemaOptions } from "../schemas/schema-settings.js";
import type { Location, Render, Resource, Severity, SourceFile, SummaryFacts, Suppression } from "../types.js";
import type { PolicyOptions } from "./policy/options.js";

export interface RuleMeta {
  /** `<check>/<kebab-name>`. */
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** How to fix it; shown as the finding's help and by `explain`. */
  docs: string;
}

/** What a rule reports; the engine completes it (location via locate(), fingerprint, suppression). */
export interface Report {
  message: string;
  severity?: Severity;
  /** Null for file-level findings. */
  env: string | null;
  resource?: Resource | null;
  /** JSON pointer into the resource, located with locate(). */
  pointer?: string | null;
  /** Explicit location, for findings that are not about a rendered field. */
  location?: Location | null;
  /** What the fingerprint is about when it is not the pointer (e.g. a duplicated key). */
  subject?: string;
  /** The rule id when one module reports for rules named at run time (repo policies); default: the module's id. */
  rule?: string;
  /** The finding's help when it is not the module's docs. */
  help?: string;
  /** Set when the finding is accepted where it is reported (a conftest `exception`). */
  suppression?: Suppression | null;
  /** For a run-level summary (see shard/run-summaries.ts): the facts its message was written from. */
  summary?: SummaryFacts;
}

export interface CheckContext {
  files: ReadonlyMap<string, SourceFile>;
  skipped: readonly SkippedFile[];
  render: Render;
  /** The render diff against the base (`--base`, `--changed-only`, `--staged`), else null. */
  diff: RenderDiff | null;
  /** The base's render when there is a diff (for promotion order), else null. */
  baseRender: Render | null;
  config: Config;
  /** `--kubernetes-version`, `--schema-location`, `--offline` and the checked folder, for the schema check. */
  schemaOptions?: SchemaOptions;
  /** Lines changed against the base per report path (`--changed-only`, `--staged`), else null: scan everything. */
  changedLines: ReadonlyMap<string, Set<number> | "all"> | null;
  /**
   * `--changed-only`: the objects whose findings the run can keep (see diff/changed-only.ts); checks that evaluate
   * object by object may skip the others. Null or absent: every object.
   */
  focus?: ReadonlySet<Resource> | null;
  /** `--policy`, `--policy-namespace`, `--all-namespaces`, `--rego-version`, for the policy check. */
  policyOptions?: PolicyOptions;
  report(report: Report): void;
  /** Declares a value that must never appear in any output (a detected secret); returns its keyed digest (a fingerprint subject). */
  secret(value: string): string;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * True for rules that compare environments (promotion order): they see the render of every environment, also
   * those a change does not affect, and report only on the checked ones. Others see the checked environments only.
   */
  crossEnvironment?: boolean;
  /**
   * Setup that depends on nothing of the run (compiling the built-in policy library): the gate calls it while it
   * waits on git and the renderers, so the work overlaps with theirs. Optional; must be safe to call more than once.
   */
  prepare?(): void;
  /** A rule that needs I/O (schema downloads) returns a promise; it still reports through the context only. */
  run(context: CheckContext): void | Promise<void>;
}

export function checkOf(ruleId: string): string {
  return ruleId.split("/")[0] ?? ruleId;
}
