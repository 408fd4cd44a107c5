// The one policy pass per render: compile the library and the repo's Rego once, evaluate each rendered object once.
import path from "node:path";
import { compile, fromJSON, RegoError, type JSONValue, type Policy, type Value } from "@mergegate/rego";
import { GateError } from "../../errors.js";
import type { EnvironmentRender, Location, Render, Resource } from "../../types.js";
import type { CheckContext, Report } from "../rule.js";
import { mergegateData } from "./context-data.js";
import { libraryPolicy, libraryRules, type LibraryRule } from "./library.js";
import { runtimeEnvOf } from "./options.js";
import { loadPolicyData, loadRepoPolicies } from "./repo-policies.js";
import { resultsOf } from "./results.js";
import { compileErrorReports } from "./compile-errors.js";

export interface PolicyReport {
  /** The registered rule that reports it: a library rule's id, or the repo-policy or evaluation-error module. */
  module: string;
  report: Report;
}

export const repoPolicyModule = "policy/repo";
export const evaluationErrorModule = "policy/evaluation-error";

const passes = new WeakMap<Render, PolicyReport[]>();

let library: { rules: LibraryRule[]; policy: Policy } | null = null;

/** The built-in library, compiled on first use and kept for the process. */
export function compiledLibrary(): { rules: LibraryRule[]; policy: Policy } {
  library ??= { rules: libraryRules(), policy: libraryPolicy() };
  return library;
}

export function policyReports(context: CheckContext): PolicyReport[] {
  let reports = passes.get(context.render);
  if (reports === undefined) {
    reports = runPass(context);
    passes.set(context.render, reports);
  }
  return reports;
}

interface RepoProgram {
  policy: Policy;
  /** Rule names per package to run, conftest style (deny, violation, warn and their _suffix forms). */
  packages: { name: string; rules: string[]; hasException: boolean }[];
  ruleLocations: Map<string, Location>;
}

function runPass(context: CheckContext): PolicyReport[] {
  const reports: PolicyReport[] = [];
  const { rules, policy } = compiledLibrary();
  const repo = repoProgram(context, reports);
  const limits = { maxSteps: context.config.policies?.limits?.steps ?? 1_000_000, timeoutMs: context.config.policies?.limits?.timeoutMs ?? 1000 };
  const runtimeEnv = runtimeEnvOf(context.policyOptions?.env);
  for (const envRender of context.render.environments) {
    const version = context.schemaOptions?.kubernetesVersion ?? envRender.env.kubernetesVersion ?? context.config.kubernetesVersion ?? null;
    // one data object per environment: rules that read data only are evaluated once for all its objects
    const data = { mergegate: fromJSON(mergegateData(envRender, context.config, context.diff, rules, version)) };
    const repoData = repo === null ? null : { ...repo.baseData, ...data };
    for (const resource of envRender.resources) {
      if (context.focus?.has(resource) === false) continue;
      const input = fromJSON(resource.object);
      reports.push(...libraryFindings(policy, rules, resource, input, data, limits));
      if (repo !== null && repoData !== null) reports.push(...repoFindings(repo, envRender, resource, input, repoData, { limits, runtimeEnv }));
    }
  }
  return reports;
}

function libraryFindings(policy: Policy, rules: LibraryRule[], resource: Resource, input: Value, data: Record<string, unknown>, limits: { maxSteps: number; timeoutMs: number }): PolicyReport[] {
  let values: (JSONValue | undefined)[];
  try {
    values = policy.evalRefs(libraryDenyRefs(rules), input, { inputIsValue: true, data, limits });
  } catch (error) {
    if (error instanceof RegoError) throw new GateError(`built-in policy failed on ${resource.key.kind}/${resource.key.name}: ${error.message.split("\n")[0] ?? ""}`);
    throw error;
  }
  return rules.flatMap((rule, index) =>
    resultsOf(values[index]).map((result) => ({
      module: rule.meta.id,
      report: { message: result.message, env: resource.env, resource, pointer: result.pointer, ...(result.severity === null ? {} : { severity: result.severity }) },
    })),
  );
}

const denyRefs = new WeakMap<LibraryRule[], string[]>();

/** Each library rule's `deny` set: only these are evaluated, so helper rules run only where a deny needs them. */
function libraryDenyRefs(rules: LibraryRule[]): string[] {
  let refs = denyRefs.get(rules);
  if (refs === undefined) {
    refs = rules.map((rule) => `data.${rule.package}.deny`);
    denyRefs.set(rules, refs);
  }
  return refs;
}

type LoadedRepoProgram = RepoProgram & { baseData: Record<string, Value> };

/** Compiles the repo's policies once; null when the repo has none or they do not compile (reported as findings). */
function repoProgram(context: CheckContext, reports: PolicyReport[]): LoadedRepoProgram | null {
  const options = context.policyOptions;
  const root = context.schemaOptions?.repoRoot ?? ".";
  const folders = [...(context.config.policies?.paths ?? []).map((folder) => path.resolve(root, folder)), ...(options?.paths ?? []).map((folder) => path.resolve(folder))];
  if (folders.length === 0) return null;
  const loaded = loadRepoPolicies(folders, reportPathOf(context));
  if (loaded.modules.length === 0) return null;
  let policy: Policy;
  try {
    policy = compile({ modules: loaded.modules, regoVersion: options?.regoVersion ?? context.config.policies?.regoVersion ?? "v1" });
  } catch (error) {
    if (!(error instanceof RegoError)) throw error;
    reports.push(...compileErrorReports(error).map((report) => ({ module: evaluationErrorModule, report })));
    return null;
  }
  const wanted = options?.namespaces.length ? options.namespaces : (context.config.policies?.namespaces ?? ["main"]);
  const byPackage = new Map<string, { name: string; rules: string[]; hasException: boolean }>();
  const ruleLocations = new Map<string, Location>();
  for (const rule of policy.rules()) {
    const name = rule.package.replace(/^data\./, "");
    if (!(options?.allNamespaces ?? false) && !wanted.includes(name)) continue;
    const entry = byPackage.get(name) ?? { name, rules: [], hasException: false };
    byPackage.set(name, entry);
    if (rule.name === "exception") entry.hasException = true;
    if (!/^(deny|violation|warn)(_|$)/.test(rule.name) || entry.rules.includes(rule.name)) continue;
    entry.rules.push(rule.name);
    ruleLocations.set(`${name}.${rule.name}`, { file: rule.location.file, line: rule.location.line, column: rule.location.col, endLine: rule.location.line, endColumn: rule.location.col });
  }
  const data = { ...loaded.data, ...loadPolicyData((options?.dataPaths ?? []).map((entry) => path.resolve(entry)), reportPathOf(context)) };
  const baseData = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, fromJSON(value)]));
  return { policy, packages: [...byPackage.values()], ruleLocations, baseData };
}

/** Report paths are relative to the report root, which the loaded files reveal. */
function reportPathOf(context: CheckContext): (file: string) => string {
  const sample = context.files.values().next().value;
  const reportRoot = sample === undefined ? process.cwd() : sample.absolutePath.slice(0, sample.absolutePath.length - sample.path.length);
  return (file) => path.relative(reportRoot, file).split(path.sep).join("/");
}

type RepoEvaluation = { limits: { maxSteps: number; timeoutMs: number }; runtimeEnv: Record<string, string> };

function repoFindings(repo: RepoProgram, envRender: EnvironmentRender, resource: Resource, input: Value, data: Record<string, unknown>, evaluation: RepoEvaluation): PolicyReport[] {
  const reports: PolicyReport[] = [];
  const failed = (id: string, location: Location | null, error: unknown): void => {
    // a limit hit, a runtime error, or an internal error of the evaluator: a finding, never a crash
    const reason = error instanceof RegoError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    reports.push({
      module: evaluationErrorModule,
      report: { message: `${id} failed on ${resource.key.kind}/${resource.key.name}: ${reason.split("\n")[0] ?? ""}`, env: envRender.env.name, resource, location },
    });
  };
  for (const pack of repo.packages) {
    let excepted = new Set<string>();
    try {
      if (pack.hasException) excepted = exceptedNames(repo.policy, pack.name, input, data, evaluation);
    } catch (error) {
      failed(`policy/${pack.name}/exception`, null, error);
    }
    for (const rule of pack.rules) {
      const id = `policy/${pack.name}/${rule}`;
      try {
        const value = repo.policy.evalRef(`data.${pack.name}.${rule}`, input, { inputIsValue: true, data, ...evaluation });
        const exception = excepted.has(rule.replace(/^(deny|violation|warn)_?/, ""));
        for (const result of resultsOf(value)) {
          reports.push({
            module: repoPolicyModule,
            report: {
              rule: id,
              message: result.message,
              severity: result.severity ?? (rule.startsWith("warn") ? "warning" : "error"),
              env: envRender.env.name,
              resource,
              pointer: result.pointer,
              ...(exception ? { suppression: { kind: "exception" as const, reason: `exception in package ${pack.name}`, owner: null, expires: null } } : {}),
            },
          });
        }
      } catch (error) {
        failed(id, repo.ruleLocations.get(`${pack.name}.${rule}`) ?? null, error);
      }
    }
  }
  return reports;
}

/** conftest's exception rules: `exception contains ["name", ...]`, names without the deny_/violation_/warn_ prefix. */
function exceptedNames(policy: Policy, pack: string, input: Value, data: Record<string, unknown>, evaluation: RepoEvaluation): Set<string> {
  const value = policy.evalRef(`data.${pack}.exception`, input, { inputIsValue: true, data, ...evaluation });
  const names = new Set<string>();
  if (Array.isArray(value)) for (const entry of value) for (const name of Array.isArray(entry) ? entry : [entry]) if (typeof name === "string") names.add(name);
  return names;
}
