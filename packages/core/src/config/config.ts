// mergegate.yaml: read, validate against its JSON Schema with ajv, and hand back typed settings.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parseDocument, visit } from "yaml";
import { Re2Pattern } from "../checks/secrets/re2.js";
import { GateError } from "../errors.js";
import { findNode, lineColumnOf, lineStartsOf, nodeRange, pointerSegments } from "../repo/positions.js";
import { recursiveAlias } from "../repo/yaml-budget.js";
import type { FailOn, RendererName, Severity } from "../types.js";
import schema from "./mergegate.schema.json" with { type: "json" };
import { ownValidator } from "./own-validator.js";

export const configFileName = "mergegate.yaml";
/** The largest mergegate.yaml read (a configuration is a page, not a data set); beyond it a gate error. */
export const maxConfigBytes = 1024 * 1024;
/** Alias expansions allowed in mergegate.yaml. */
const maxConfigAliases = 100;

export interface EnvironmentConfig {
  path: string;
  renderer?: RendererName;
  failOn?: FailOn;
  kubernetesVersion?: string;
  progressive?: boolean;
  /** The production predicate for this environment (default: from its name, see render/production.ts). */
  production?: boolean;
  kustomizeBuildOptions?: string[];
}

export interface RuleConfig {
  severity?: Severity | "off";
  environments?: string[];
  parameters?: Record<string, unknown>;
}

export interface Config {
  version: 1;
  kubernetesVersion?: string;
  exclude?: string[];
  environments?: Record<string, EnvironmentConfig>;
  /** kustomize flags for every environment (allowlisted, see render/build-options.ts). */
  kustomizeBuildOptions?: string[];
  promotion?: string[];
  schemas?: { locations?: string[]; unknownKind?: Severity | "ignore"; offline?: boolean };
  policies?: {
    paths?: string[];
    namespaces?: string[];
    regoVersion?: "v0" | "v1";
    limits?: { steps?: number; timeoutMs?: number };
  };
  rules?: Record<string, RuleConfig>;
  canary?: { requireProgressive?: "always" | "changed" | "never"; maxFirstWeight?: number };
  secrets?: { allowlist?: { paths?: string[]; regexes?: string[] } };
  baseline?: string;
  waivers?: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, relative to the current directory as the user named it; null for defaults. */
  file: string | null;
}

/** Made on first use (from the validator cache when an earlier run compiled it): most commands need no config. */
let validator: ValidateFunction<Config> | null = null;
function validate(value: unknown): value is Config {
  validator ??= ownValidator<Config>(schema);
  return validator(value);
}

/** Reads `--config FILE`, else DIR/mergegate.yaml, else the defaults. Invalid → GateError naming file:line. */
export function loadConfig(repoRoot: string, explicitFile: string | null): LoadedConfig {
  const file = explicitFile ?? path.join(repoRoot, configFileName);
  const shown = explicitFile ?? path.relative(process.cwd(), file) ?? configFileName;
  if (!existsSync(file)) {
    if (explicitFile !== null) throw new GateError("config file not found", shown);
    return { config: { version: 1 }, file: null };
  }
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxConfigBytes) throw new GateError(`config file is ${size} bytes, over the limit of ${maxConfigBytes}`, shown, 1);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof GateError) throw error;
    throw new GateError(`cannot read the config file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, shown);
  }
  return { config: parseConfig(text, shown), file: shown };
}

export function parseConfig(text: string, shownFile: string): Config {
  if (text.length > maxConfigBytes) throw new GateError(`config is ${text.length} characters, over the limit of ${maxConfigBytes}`, shownFile, 1);
  const lineStarts = lineStartsOf(text);
  const document = parseDocument(text, { prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    const { line } = lineColumnOf(lineStarts, yamlError.pos[0]);
    throw new GateError(`invalid YAML: ${firstLine(yamlError.message)}`, shownFile, line);
  }
  const recursive = recursiveAlias(document);
  if (recursive !== null) throw new GateError(`invalid YAML: alias *${recursive.source} is inside the node it refers to`, shownFile, lineColumnOf(lineStarts, recursive.range?.[0] ?? 0).line);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: maxConfigAliases });
  } catch (error) {
    throw new GateError(`invalid YAML: ${firstLine((error as Error).message)}`, shownFile, firstAliasLine(document, lineStarts));
  }
  if (validate(value)) return checkPatterns(value, document, lineStarts, shownFile);
  const error = mostSpecific(validator?.errors ?? []);
  const segments = pointerSegments(error.instancePath);
  const match = findNode(document, segments);
  const line = match === null ? 1 : lineColumnOf(lineStarts, nodeRange(match.anchor)[0]).line;
  throw new GateError(`invalid config: ${describe(error)}`, shownFile, line);
}

/** Allowlist regexes are RE2 (Go's syntax): one that does not compile is a config error at its line. */
function checkPatterns(config: Config, document: ReturnType<typeof parseDocument>, lineStarts: number[], shownFile: string): Config {
  (config.secrets?.allowlist?.regexes ?? []).forEach((pattern, index) => {
    try {
      new Re2Pattern(pattern);
    } catch (error) {
      const match = findNode(document as never, ["secrets", "allowlist", "regexes", String(index)]);
      const line = match === null ? 1 : lineColumnOf(lineStarts, nodeRange(match.anchor)[0]).line;
      throw new GateError(`invalid config: secrets.allowlist.regexes.${index}: not an RE2 regular expression: ${firstLine((error as Error).message)}`, shownFile, line);
    }
  });
  return config;
}

/** The line of the first alias (`*name`), where an alias bomb starts expanding. */
function firstAliasLine(document: ReturnType<typeof parseDocument>, lineStarts: number[]): number {
  let start: number | null = null;
  visit(document, {
    Alias(_key, node) {
      start = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return start === null ? 1 : lineColumnOf(lineStarts, start).line;
}

function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const first = sorted[0];
  if (first === undefined) throw new GateError("invalid config");
  return first;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "top level" : error.instancePath.slice(1).replace(/\//g, ".");
  switch (error.keyword) {
    case "additionalProperties":
      return `${where}: unknown key "${String(error.params["additionalProperty"])}"`;
    case "enum":
      return `${where}: must be one of ${(error.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${where}: must be ${JSON.stringify(error.params["allowedValue"])}`;
    default:
      return `${where}: ${error.message ?? "is invalid"}`;
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
