// runGate: the one call behind the CLI, the Action and the hook — load, render, check, decide.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "./checks/registry.js";
import { checkOf, type Report, type Rule } from "./checks/rule.js";
import { loadConfig, type Config } from "./config/config.js";
import { GateError } from "./errors.js";
import { locate, type LocateScope } from "./locate/locate.js";
import { loadRepo, type LoadedRepo } from "./repo/load.js";
import { resolveEnvironments } from "./render/environments.js";
import { renderEnvironments } from "./render/render.js";
import { redactorFor, secretValues } from "./report/redact.js";
import type { FailOn, Finding, GateResult, Location, Render } from "./types.js";
import { decide } from "./verdict/decide.js";
import { fingerprintOf } from "./verdict/fingerprint.js";
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
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const root = path.resolve(options.repo);
  if (!existsSync(root)) throw new GateError("no such directory", options.repo);
  if (!statSync(root).isDirectory()) throw new GateError("not a directory", options.repo);
  const { config } = loadConfig(root, options.config ?? null);
  const repo = await loadRepo(root, config.exclude ?? []);
  const environments = resolveEnvironments(config, repo.files, [...repo.files.keys()], { only: options.envs ?? [] });
  const { render, kustomizeVersion } = await renderEnvironments(environments, {
    repoRoot: root,
    files: repo.files,
    allowRemote: options.allowRemote ?? false,
  });
  const findings = runRules(options.rules ?? allRules, repo, render, config);
  const verdict = decide(render.environments, findings, { failOn: options.failOn ?? null });
  const redact = redactorFor(secretValues(render, repo.files.values()));
  return { tool: { name: "mergegate", version, kustomize: kustomizeVersion }, render, findings, verdict, diff: null, redact };
}

function runRules(rules: readonly Rule[], repo: LoadedRepo, render: Render, config: Config): Finding[] {
  const scopes = new Map<string, LocateScope>(
    render.environments.map((envRender) => [envRender.env.name, { files: repo.files, kustomizations: envRender.kustomizations }]),
  );
  const findings = new Map<string, Finding>();
  for (const rule of rules) {
    const settings = config.rules?.[rule.meta.id];
    const override = settings?.severity ?? null;
    if (override === "off") continue;
    const report = (reported: Report): void => {
      if (reported.env !== null && settings?.environments !== undefined && !settings.environments.includes(reported.env)) return;
      const finding = complete(rule, reported, scopes, repo, override);
      const key = [finding.env, finding.rule, finding.fingerprint, JSON.stringify(finding.location), finding.message].join("\u0000");
      if (!findings.has(key)) findings.set(key, finding);
    };
    rule.run({ files: repo.files, skipped: repo.skipped, render, config, report });
  }
  return [...findings.values()].sort(compareFindings);
}

function complete(
  rule: Rule,
  reported: Report,
  scopes: Map<string, LocateScope>,
  repo: LoadedRepo,
  severity: Finding["severity"] | null,
): Finding {
  const resource = reported.resource ?? null;
  const pointer = reported.pointer ?? null;
  let location: Location | null = reported.location ?? null;
  if (location === null && resource !== null) {
    const scope = scopes.get(resource.env) ?? { files: repo.files, kustomizations: [] };
    location = locate(scope, resource, pointer ?? "") ?? originFallback(repo, resource.origin.file);
  }
  return {
    check: checkOf(rule.meta.id),
    rule: rule.meta.id,
    severity: severity ?? reported.severity ?? rule.meta.severity,
    message: reported.message,
    env: reported.env,
    resource: resource?.key ?? null,
    location,
    path: pointer,
    help: rule.meta.docs,
    fingerprint: fingerprintOf(rule.meta.id, location?.file ?? null, resource?.key ?? null, reported.subject ?? pointer ?? reported.message),
    suppression: null,
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
