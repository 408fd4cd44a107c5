// runGate: the one call behind the CLI, the Action and the hook — load, render, check, decide.
import { existsSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "./checks/registry.js";
import { checkOf, type Report, type Rule } from "./checks/rule.js";
import type { Config } from "./config/config.js";
import { ruleSettings } from "./config/rule-settings.js";
import { changedScope, keepChanged, type ChangedLines } from "./diff/changed-only.js";
import { diffRenders, type RenderDiff } from "./diff/render-diff.js";
import { changedLines, changedPaths, headCommit, mergeBase, snapshotCommit, workTreeChanges, workTreeOf, type Snapshot, type WorkTree } from "./git/git.js";
import type { OverlayTree } from "./git/overlay-tree.js";
import { commitTree, indexTree } from "./git/trees.js";
import { locate, type LocateScope } from "./locate/locate.js";
import type { LoadedRepo } from "./repo/load.js";
import type { SchemaOptions } from "./schemas/schema-settings.js";
import type { PolicyOptions } from "./checks/policy/options.js";
import { emptyTree, helpBuilds, loadTree, renderRepo, renderTree, startRendering, type RepoRender } from "./render/render-repo.js";
import { GateError } from "./errors.js";
import { selectEnvironments } from "./render/selection.js";
import { affectedEnvironments, isSharedInput, unaffectedReason } from "./render/affected.js";
import { crdContext } from "./render/crd-context.js";
import { originLender, type OriginLender } from "./render/borrowed-origins.js";
import { savePlan, startEarlyBuilds } from "./render/early-builds.js";
import { summaryKey } from "./shard/run-summaries.js";
import { isRunLevel, keepShardFindings, type Shard } from "./shard/shard.js";
import { keyedDigest, redactionFor, secretObjectValues, secretValues, type Redaction } from "./report/redact.js";
import { redactDiff, redactFindings } from "./report/redact-result.js";
import { redactionKeyFor, redactionKeyOf } from "./report/redaction-key.js";
import type { Environment, EnvironmentRender, FailOn, Finding, GateResult, Location, Render, Resource, RunSummary, SummaryFacts } from "./types.js";
import { decide } from "./verdict/decide.js";
import { applySuppressions } from "./verdict/suppressions/apply.js";
import { fingerprintOf } from "./verdict/fingerprint.js";
import { markBaselineState } from "./verdict/new-only.js";
import { version } from "./version.js";

export interface GateOptions {
  /** The repository folder (DIR). */
  repo: string;
  /** Only these environments (`--env`); all when empty. */
  envs?: readonly string[];
  /** `--config FILE`; default DIR/mergegate.yaml. */
  config?: string | null;
  /** `--fail-on`; overrides every environment's failOn. */
  failOn?: FailOn | null;
  /** `--allow-remote`: let kustomize fetch remote bases. */
  allowRemote?: boolean;
  /** `--base REF`: diff against the merge-base of REF and HEAD, and attach the diff. */
  base?: string | null;
  /** `--changed-only`: keep only findings on changed objects and lines (against the base, else HEAD). */
  changedOnly?: boolean;
  /** `--new-only`: findings the base's result also has are "unchanged" and do not fail (against the base, else HEAD). */
  newOnly?: boolean;
  /**
   * pull_request_target: the configuration, the repo's policies (Rego folders and Gatekeeper templates) and schema
   * locations come from the base revision, never from the checked tree; needs a base.
   */
  trustBase?: boolean;
  /** `--staged`: check the git index instead of the work tree; implies changedOnly. */
  staged?: boolean;
  /** `--strict-suppressions`: suppressions that match nothing are errors. */
  strictSuppressions?: boolean;
  /** Apply the baseline file (default true; `baseline write` turns it off). */
  useBaseline?: boolean;
  /** The current time, for waiver expiry (tests pass a fixed date). */
  now?: Date;
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  /** `--kubernetes-version`: overrides every environment's and mergegate.yaml's kubernetesVersion. */
  kubernetesVersion?: string | null;
  /** `--schema-location` (repeatable), relative to the current directory; checked before schemas.locations. */
  schemaLocations?: readonly string[];
  /** `--offline`: never download schemas (also schemas.offline, MERGEGATE_OFFLINE=1). */
  offline?: boolean;
  /** `--policy DIR` (repeatable): Rego folders besides policies.paths, relative to the current directory. */
  policyPaths?: readonly string[];
  /** `--policy-namespace NS` (repeatable): the conftest packages to run (default policies.namespaces, else main). */
  policyNamespaces?: readonly string[];
  /** `--all-namespaces`: run every package of the repo's policies. */
  allNamespaces?: boolean;
  /** `--policy-env NAME` (repeatable): the environment variables opa.runtime() shows to policies; none by default. */
  policyEnv?: readonly string[];
  /** `--data PATH` (repeatable): data files or folders for the repo's conftest policies. */
  policyData?: readonly string[];
  /** `--rego-version`: the syntax of the repo's modules (default policies.regoVersion, else v1). */
  regoVersion?: "v0" | "v1" | null;
  /** `--shard K/N`: check only this shard's environments and files (merge the N results with mergeShards). */
  shard?: Shard | null;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const staged = options.staged ?? false;
  const changedOnly = staged || (options.changedOnly ?? false);
  const newOnly = options.newOnly ?? false;
  const needsGit = staged || changedOnly || newOnly || (options.base ?? null) !== null;
  const flag = staged ? "--staged" : options.base ? "--base" : changedOnly ? "--changed-only" : "--new-only";
  // a pre-commit check's builds, as the last run planned them, start first: before git is asked anything else
  const early = staged && (options.shard ?? null) === null ? startEarlyBuilds(path.resolve(options.repo)) : null;
  await early?.decided(50);
  prepareRules(options.rules ?? allRules);
  const redactionKeyAsked = redactionKeyFor(options.repo);
  const overlays: OverlayTree[] = [];
  const snapshots: Snapshot[] = [];
  let lender: OriginLender | null = null;
  try {
    const tree = needsGit ? await workTreeOf(path.resolve(options.repo), flag) : null;
    const common = { dir: options.repo, configFile: options.config ?? null, envs: options.envs ?? [], allowRemote: options.allowRemote ?? false, baseRef: options.base ?? null };
    const comparison = tree === null ? null : await baseOf(tree, options.base ?? null);
    const commitId = comparison?.commit ?? null;
    // What git says changed does not depend on the loaded tree: asked now, answered while the tree loads.
    const changedTopAsked = tree !== null && commitId !== null ? askedEarly(changedPaths(tree, commitId, staged)) : null;
    const linesAsked = changedOnly && tree !== null && commitId !== null ? askedEarly(changedLines(tree, commitId, staged)) : null;
    if (staged && tree !== null) askedEarly(workTreeChanges(tree));
    const trusted = options.trustBase === true ? await trustedRoot(options, comparison, tree, snapshots) : null;
    const workTree = await loadTree({ ...common, root: options.repo, ...(tree === null ? {} : { place: tree }), ...(trusted === null ? {} : { configRoot: trusted, configFile: trustedConfigFile(options, trusted) }) });
    const index = staged && tree !== null ? await indexTree(tree, workTree, { ...common, isBase: false }) : null;
    if (index !== null) overlays.push(index);
    const changedTop = changedTopAsked === null ? null : await changedTopAsked;
    const changed = tree !== null && changedTop !== null ? dirRelative(changedTop, tree.prefix) : null;
    const headTree = index?.tree ?? workTree;
    // compared with a base, the head's builds may take their objects' origins from the base's renders
    lender = changed === null ? null : originLender(headTree.repo.files, changed);
    if (lender !== null) helpBuilds(headTree, { originsOf: lender.originsOf, early });
    const sharedPaths = pathsInside(options.repo, [options.config ?? null, ...(options.policyPaths ?? []), ...(options.schemaLocations ?? [])]);
    const affected = changed === null ? null : affectedEnvironments({ environments: headTree.environments, files: headTree.repo.files, config: headTree.config, sharedPaths, changed });
    // The base adds to the rendered environments only those it has and the head removed: unsharded, the affected
    // ones' builds start now and run while the base is read out of git.
    if (affected !== null && (options.shard ?? null) === null) {
      for (const overlay of overlays) overlay.prepare(affected);
      startRendering(headTree, affected);
    }
    const commit = tree !== null && commitId !== null && changedTop !== null ? await commitTree(tree, commitId, headTree, changedTop, { ...common, isBase: true }) : null;
    if (commit !== null) overlays.push(commit);
    const baseTree = comparison === null ? null : (commit?.tree ?? emptyTree());
    lender?.lend(baseTree === null ? null : { files: baseTree.repo.files, environments: baseTree.environments, render: async (name) => (await renderTree(baseTree, new Set([name]))).render.environments[0] as EnvironmentRender });
    const rules = options.rules ?? allRules;
    const crossRules = rules.filter((rule) => rule.crossEnvironment === true);
    const envRules = rules.filter((rule) => rule.crossEnvironment !== true);
    const selection = selectEnvironments({
      head: headTree.environments,
      base: baseTree?.environments ?? [],
      config: headTree.config,
      affected,
      shard: options.shard ?? null,
      crossEnvironment: crossRules.length > 0,
    });
    for (const overlay of overlays) overlay.prepare(selection.rendered);
    // The base's renders of the affected environments (and of those the head removed) are not the head's when one of
    // their own inputs changed: they run beside the head's builds. The base's other environments (all of them when a
    // shared input changed) render after the head's, as render-cache hits.
    const sharedChange = (changed ?? []).some((file) => isSharedInput(file, headTree.config, sharedPaths));
    if (baseTree !== null && affected !== null && !sharedChange) {
      const headNames = new Set(headTree.environments.map((env) => env.name));
      startRendering(baseTree, new Set([...selection.rendered].filter((name) => affected.has(name) || !headNames.has(name))));
    }
    const head = await renderTree(headTree, selection.rendered);
    if (headTree === workTree) await savePlan(path.resolve(options.repo), headTree, head.render, early);
    const base = baseTree === null ? null : await renderTree(baseTree, selection.rendered);
    const checkedHead = onlyEnvironments(head.render, selection.checked);
    let diff: RenderDiff | null = null;
    if (tree !== null && comparison !== null && base !== null) {
      const headSide = { ref: staged ? "INDEX" : "WORKTREE", commit: await headCommit(tree) };
      diff = diffRenders(onlyEnvironments(base.render, selection.checked), checkedHead, { base: { ref: comparison.ref, commit: comparison.commit }, head: headSide });
    }
    const schemaOptions: SchemaOptions = {
      kubernetesVersion: options.kubernetesVersion ?? null,
      locations: options.schemaLocations ?? [],
      offline: options.offline ?? false,
      // policies.paths and schemas.locations resolve here: under trustBase, inside the base revision
      repoRoot: trusted ?? head.root,
    };
    const lines = changedOnly && tree !== null && comparison !== null ? (linesAsked === null ? allLines(head.repo) : await linesAsked) : null;
    // --changed-only: checks evaluate only the objects whose findings can be kept, unless a shared input changed
    const focus = lines !== null && diff !== null && !sharedChange ? changedScope(checkedHead, diff, lines, head.repo.reportPrefix) : null;
    const detected = new Set<string>();
    const collected: Collected = { secrets: detected, summaries: new Map() };
    const redactionKey = await redactionKeyAsked;
    const policyOptions: PolicyOptions = {
      paths: options.policyPaths ?? [],
      namespaces: options.policyNamespaces ?? [],
      allNamespaces: options.allNamespaces ?? false,
      regoVersion: options.regoVersion ?? null,
      env: options.policyEnv ?? [],
      dataPaths: options.policyData ?? [],
      ...(trusted === null ? {} : { gatekeeperFiles: baseTree?.repo.files ?? new Map() }),
    };
    const baseRender = diff === null ? null : (base?.render ?? null);
    // Environments not checked still lend their CRDs to the schema check; their own findings are dropped below.
    const contextHead = { ...checkedHead, environments: [...checkedHead.environments, ...crdContext(headTree.environments, selection.checked, headTree.repo.files)] };
    const perEnvironment = await runRules(envRules, head.repo, contextHead, head.config, diff, { schemaOptions, policyOptions, focus, baseRender: baseRender === null ? null : onlyEnvironments(baseRender, selection.checked) }, lines, collected, redactionKey);
    const crossEnvironment = crossRules.length === 0 ? [] : await runRules(crossRules, head.repo, head.render, head.config, diff, { schemaOptions, policyOptions, baseRender }, lines, collected, redactionKey);
    const checked = [...perEnvironment, ...crossEnvironment].filter((finding) => finding.env === null || selection.checked.has(finding.env));
    const suppressed = applySuppressions(checked, {
      root: head.root,
      reportPrefix: head.repo.reportPrefix,
      files: head.repo.files,
      config: head.config,
      now: options.now ?? new Date(),
      strict: options.strictSuppressions ?? false,
      useBaseline: options.useBaseline ?? true,
    });
    let findings = suppressed.findings.sort(compareFindings);
    // A suppression may be for an environment this run skipped as unaffected: "unused" cannot be decided here.
    if ([...selection.skipped.values()].includes(unaffectedReason)) findings = findings.filter((finding) => finding.rule !== "suppression/unused");
    if (lines !== null && diff !== null && base !== null) findings = keepChanged(findings, diff, lines, base.render);
    if (newOnly && base !== null) {
      const baseEnvironments = baseTree === null ? [] : baseTree.environments;
      const baseFindings = await checkBase(base, baseEnvironments, { envRules, crossRules, checked: selection.checked, schemaOptions, policyOptions, detected, now: options.now ?? new Date(), strict: options.strictSuppressions ?? false, redactionKey });
      findings = markBaselineState(findings, baseFindings);
    }
    const shard = options.shard ?? null;
    if (shard !== null) findings = keepShardFindings(findings, shard);
    const renders = headTree.environments.map((env) => checkedHead.environments.find((envRender) => envRender.env === env) ?? skippedRender(env, selection.skipped.get(env.name) ?? null));
    const verdict = decide(renders, findings, { failOn: options.failOn ?? null });
    const secrets = secretValues(head.render, head.repo.files.values());
    for (const value of detected) secrets.add(value);
    if (base !== null) for (const value of secretValues(base.render, base.repo.files.values())) secrets.add(value);
    const tool = { name: "mergegate" as const, version, kustomize: head.kustomizeVersion ?? base?.kustomizeVersion ?? null };
    const redaction = redactionFor(redactionKey, secrets);
    const coverage = shard === null ? {} : { shard: { ...shard, environments: [...selection.checked].sort(), failOn: options.failOn ?? null, summaries: summariesOf(findings, collected.summaries, redaction) } };
    findings = redactFindings(findings, redaction);
    if (diff !== null) diff = redactDiff(diff, redaction);
    return { tool, render: { environments: renders, notes: head.render.notes ?? [] }, findings, verdict, diff, redact: redaction.text, unusedBaseline: suppressed.unusedBaseline, root: head.root, config: head.config, ...coverage };
  } finally {
    // a run that stopped before it had the base answers the head's builds still waiting for origins: ask kustomize
    lender?.lend(null);
    early?.stop();
    await Promise.all([...overlays, ...snapshots].map((folder) => folder.remove()));
  }
}

/** A git question started before its answer is needed: a failure is thrown where it is awaited, never left unhandled. */
function askedEarly<T>(question: Promise<T>): Promise<T> {
  question.catch(() => undefined);
  return question;
}

/**
 * Runs the rules' setup on the next turn of the event loop: the gate is then waiting on git or a renderer, so the
 * setup overlaps with them. A setup that fails is left for the rule's run to report.
 */
function prepareRules(rules: readonly Rule[]): void {
  const prepares = new Set(rules.flatMap((rule) => (rule.prepare === undefined ? [] : [rule.prepare])));
  if (prepares.size === 0) return;
  setImmediate(() => {
    for (const prepare of prepares) {
      try {
        prepare();
      } catch {
        // the rule's run meets the same error and reports it
      }
    }
  });
}

interface BaseCheck {
  envRules: readonly Rule[];
  crossRules: readonly Rule[];
  checked: ReadonlySet<string>;
  schemaOptions: SchemaOptions;
  policyOptions: PolicyOptions;
  detected: Set<string>;
  now: Date;
  strict: boolean;
  /** The head's key, so that a secret's keyed digest (in messages and fingerprints) is the same on both sides. */
  redactionKey: string;
}

/**
 * The base's result for `--new-only`: the same rules on the base's render of the checked environments, with the
 * base's own configuration and suppressions (a base whose suppression files cannot be read counts as unsuppressed).
 */
async function checkBase(base: RepoRender, environments: readonly Environment[], options: BaseCheck): Promise<Finding[]> {
  const schemaOptions = { ...options.schemaOptions, repoRoot: base.root };
  const checked = { environments: [...onlyEnvironments(base.render, options.checked).environments, ...crdContext(environments, options.checked, base.repo.files)] };
  const baseCollected: Collected = { secrets: options.detected, summaries: new Map() };
  const perEnvironment = await runRules(options.envRules, base.repo, checked, base.config, null, { schemaOptions, policyOptions: options.policyOptions, baseRender: null }, null, baseCollected, options.redactionKey);
  const crossEnvironment = options.crossRules.length === 0 ? [] : await runRules(options.crossRules, base.repo, base.render, base.config, null, { schemaOptions, policyOptions: options.policyOptions, baseRender: null }, null, baseCollected, options.redactionKey);
  const findings = [...perEnvironment, ...crossEnvironment].filter((finding) => finding.env === null || options.checked.has(finding.env));
  try {
    return applySuppressions(findings, { root: base.root, reportPrefix: base.repo.reportPrefix, files: base.repo.files, config: base.config, now: options.now, strict: options.strict, useBaseline: true }).findings;
  } catch (error) {
    if (error instanceof GateError) return findings;
    throw error;
  }
}

/** The facts of the run-level findings a shard reports, redacted like the findings. */
function summariesOf(findings: readonly Finding[], facts: ReadonlyMap<string, SummaryFacts>, redaction: Redaction): RunSummary[] {
  return findings.filter(isRunLevel).flatMap((finding) => {
    const found = facts.get(summaryKey(finding.rule, finding.fingerprint));
    return found === undefined ? [] : [{ rule: finding.rule, fingerprint: finding.fingerprint, facts: redaction.value(found) }];
  });
}

function onlyEnvironments(render: Render, names: ReadonlySet<string>): Render {
  return { ...render, environments: render.environments.filter((envRender) => names.has(envRender.env.name)) };
}

function skippedRender(env: Environment, reason: string | null): EnvironmentRender {
  return { env, resources: [], kustomizations: [], failed: false, skippedReason: reason, problems: [] };
}

/** Top-level-relative paths → DIR-relative ones; paths outside DIR are dropped. */
function dirRelative(paths: readonly string[], prefix: string): string[] {
  return paths.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
}

/** The DIR-relative form of the local paths (relative to the current directory) that lie inside DIR. */
function pathsInside(dir: string, paths: readonly (string | null)[]): string[] {
  const inside: string[] = [];
  for (const entry of paths) {
    if (entry === null || /^[a-z]+:\/\//i.test(entry)) continue;
    const relative = path.relative(path.resolve(dir), path.resolve(entry)).split(path.sep).join("/");
    if (relative !== ".." && !relative.startsWith("../") && !path.isAbsolute(relative)) inside.push(relative === "" ? "." : relative);
  }
  return inside;
}

/** The base revision's DIR, whose configuration and policies a trustBase run uses (a folder that may not exist). */
/** DIR in a checkout of the base commit, whose configuration, policies and schema locations are the trusted ones. */
async function trustedRoot(options: GateOptions, comparison: Comparison | null, tree: WorkTree | null, snapshots: Snapshot[]): Promise<string> {
  if (comparison === null || tree === null) throw new GateError("checking with the base revision's policies (pull_request_target) needs a base");
  if (comparison.commit === null) return path.join(path.resolve(options.repo), ".mergegate-no-base");
  const snapshot = await snapshotCommit(tree, comparison.commit);
  snapshots.push(snapshot);
  return path.join(snapshot.root, tree.prefix);
}

/** `--config FILE` inside DIR, read from the base revision instead; null: the base's own mergegate.yaml. */
function trustedConfigFile(options: GateOptions, trusted: string): string | null {
  if (options.config === undefined || options.config === null) return null;
  const relative = path.relative(path.resolve(options.repo), path.resolve(options.config));
  if (relative.startsWith("..") || path.isAbsolute(relative)) return options.config;
  const file = path.join(trusted, relative);
  return existsSync(file) ? file : null;
}

interface Comparison {
  ref: string;
  /** null when the repository has no commit yet: the base is empty. */
  commit: string | null;
}

/** The base to compare with: the merge-base of REF and HEAD, else HEAD itself. */
async function baseOf(tree: WorkTree, ref: string | null): Promise<Comparison> {
  const commit = ref !== null ? await mergeBase(tree, ref) : await headCommit(tree);
  return { ref: ref ?? "HEAD", commit };
}

/** Without a base commit every line is new. */
function allLines(repo: LoadedRepo): ChangedLines {
  return new Map([...repo.files.values()].map((file) => [file.path, "all" as const]));
}

/** What the rules hand back besides findings: the secret values they met, and the facts of run-level summaries. */
interface Collected {
  secrets: Set<string>;
  summaries: Map<string, SummaryFacts>;
}

async function runRules(
  rules: readonly Rule[],
  repo: LoadedRepo,
  render: Render,
  config: Config,
  diff: RenderDiff | null,
  options: { schemaOptions: SchemaOptions; policyOptions: PolicyOptions; baseRender: Render | null; focus?: ReadonlySet<Resource> | null },
  changedLines: ChangedLines | null,
  collected: Collected,
  redactionKey: string,
): Promise<Finding[]> {
  const scopes = new Map<string, LocateScope>(
    render.environments.map((envRender) => [envRender.env.name, { files: repo.files, kustomizations: envRender.kustomizations }]),
  );
  const reports: { rule: Rule; reported: Report; severity: Finding["severity"] | null }[] = [];
  for (const rule of rules) {
    const settings = ruleSettings(config, rule.meta.id);
    const override = settings?.severity ?? null;
    if (override === "off") continue;
    const report = (reported: Report): void => {
      const own = reported.rule === undefined ? settings : ruleSettings(config, reported.rule);
      if (own?.severity === "off") return;
      if (reported.env !== null && own?.environments !== undefined && !own.environments.includes(reported.env)) return;
      reports.push({ rule, reported, severity: own?.severity ?? null });
    };
    const secret = (value: string): string => {
      collected.secrets.add(value);
      return keyedDigest(redactionKey, value);
    };
    await rule.run({ files: repo.files, skipped: repo.skipped, render, diff, config, ...options, changedLines, report, secret });
  }
  // Located file by file: each source file's syntax tree is parsed once for all its findings, then let go.
  const byOrigin = reports.map((entry, index) => ({ entry, index, file: entry.reported.resource?.origin.file ?? "" }));
  byOrigin.sort((a, b) => compareText(a.file, b.file) || a.index - b.index);
  const findings = new Map<string, Finding>();
  for (const { entry } of byOrigin) {
    const finding = complete(entry.rule, entry.reported, scopes, repo, entry.severity, redactionKey);
    const key = [finding.env, finding.rule, finding.fingerprint, JSON.stringify(finding.location), finding.message].join("\u0000");
    if (!findings.has(key)) findings.set(key, finding);
    if (entry.reported.summary !== undefined) collected.summaries.set(summaryKey(finding.rule, finding.fingerprint), entry.reported.summary);
  }
  return [...findings.values()].sort(compareFindings);
}

function complete(
  rule: Rule,
  reported: Report,
  scopes: Map<string, LocateScope>,
  repo: LoadedRepo,
  severity: Finding["severity"] | null,
  redactionKey: string,
): Finding {
  const resource = reported.resource ?? null;
  const pointer = reported.pointer ?? null;
  let location: Location | null = reported.location ?? null;
  if (location === null && resource !== null) {
    const scope = scopes.get(resource.env) ?? { files: repo.files, kustomizations: [] };
    location = locate(scope, resource, pointer ?? "") ?? originFallback(repo, resource.origin.file);
  }
  const id = reported.rule ?? rule.meta.id;
  return {
    check: checkOf(id),
    rule: id,
    severity: severity ?? reported.severity ?? rule.meta.severity,
    message: resource?.object["kind"] === "Secret" ? redactionFor(redactionKey, secretObjectValues(resource.object), 1).text(reported.message) : reported.message,
    env: reported.env,
    resource: resource?.key ?? null,
    location,
    path: pointer,
    help: reported.help ?? rule.meta.docs,
    fingerprint: fingerprintOf(id, location?.file ?? null, resource?.key ?? null, reported.subject ?? pointer ?? reported.message),
    suppression: reported.suppression ?? null,
    baselineState: null,
  };
}

function originFallback(repo: LoadedRepo, file: string): Location | null {
  const source = repo.files.get(file);
  return source === undefined ? null : { file: source.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.env ?? "", b.env ?? "") ||
    compareText(a.location?.file ?? "", b.location?.file ?? "") ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DiffOptions {
  repo: string;
  base: string;
  envs?: readonly string[];
  config?: string | null;
  allowRemote?: boolean;
  staged?: boolean;
}

export interface DiffResult {
  tool: GateResult["tool"];
  diff: RenderDiff;
  redact: (text: string) => string;
}

/** `mergegate diff`: the render diff of head (work tree or index) against the merge-base of REF and HEAD. */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  const result = await runGate({ ...options, rules: [] });
  if (result.diff === null) throw new Error("runGate returned no diff for --base");
  return { tool: result.tool, diff: result.diff, redact: result.redact };
}

export interface RenderOptions {
  repo: string;
  envs?: readonly string[];
  config?: string | null;
  allowRemote?: boolean;
}

export interface RenderResult {
  tool: GateResult["tool"];
  render: Render;
  redact: (text: string) => string;
}

/** `mergegate render`: the environments' objects, without checks. */
export async function runRender(options: RenderOptions): Promise<RenderResult> {
  const head = await renderRepo({
    dir: options.repo,
    root: options.repo,
    configFile: options.config ?? null,
    envs: options.envs ?? [],
    allowRemote: options.allowRemote ?? false,
  });
  const tool = { name: "mergegate" as const, version, kustomize: head.kustomizeVersion };
  const redaction = redactionFor(redactionKeyOf(options.repo), secretValues(head.render, head.repo.files.values()));
  const environments = head.render.environments.map((envRender) => ({
    ...envRender,
    resources: envRender.resources.map((resource) => ({ ...resource, object: redaction.value(resource.object) })),
    problems: envRender.problems.map((problem) => ({ ...problem, message: redaction.text(problem.message) })),
  }));
  return { tool, render: { environments }, redact: redaction.text };
}
