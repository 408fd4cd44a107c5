// What `mergegate baseline write|prune` and `mergegate waive` (and the review TUI) do to the suppression files.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { loadConfig } from "../../config/config.js";
import { GateError } from "../../errors.js";
import { runGate, type GateOptions } from "../../gate.js";
import { runTool } from "../../subprocess.js";
import { defaultBaselineFile, entryOf, loadBaseline, saveBaseline } from "./baseline.js";
import { suppressionRules } from "./rules.js";
import { defaultWaiversFile, loadWaivers, type Waiver } from "./waivers.js";

type BaselineOptions = Pick<GateOptions, "repo" | "envs" | "config" | "allowRemote">;

const ownRules = new Set(suppressionRules.map((meta) => meta.id));

/** Records the fingerprints of today's unsuppressed findings (of one check, or all), keeping other checks' entries. */
export async function writeBaseline(options: BaselineOptions, check: string | null): Promise<{ file: string; written: number }> {
  const result = await runGate({ ...options, useBaseline: false });
  const file = path.join(result.root, result.config.baseline ?? defaultBaselineFile);
  const kept = loadBaseline(file, file).fingerprints.filter((entry) => check !== null && !entry.rule.startsWith(`${check}/`));
  const fresh = result.findings
    // run-level notes without a place (e.g. schema/no-source) are not findings to accept
    .filter((finding) => finding.suppression === null && !ownRules.has(finding.rule) && finding.location !== null)
    .filter((finding) => check === null || finding.check === check)
    .map(entryOf);
  saveBaseline(file, { version: 1, fingerprints: [...kept, ...fresh] });
  return { file, written: fresh.length };
}

/** Drops baseline entries that match no finding any more. */
export async function pruneBaseline(options: BaselineOptions): Promise<{ file: string; removed: number }> {
  const result = await runGate(options);
  const file = path.join(result.root, result.config.baseline ?? defaultBaselineFile);
  const stale = new Set(result.unusedBaseline.map((entry) => entry.fingerprint));
  const baseline = loadBaseline(file, file);
  if (stale.size > 0) saveBaseline(file, { version: 1, fingerprints: baseline.fingerprints.filter((entry) => !stale.has(entry.fingerprint)) });
  return { file, removed: stale.size };
}

export interface WaiveRequest {
  repo: string;
  config?: string | null;
  waiver: Omit<Waiver, "owner"> & { owner?: string };
  now?: Date;
}

/** Appends one waiver to the waivers file (created when absent), after validating it; returns the file. */
export async function appendWaiver(request: WaiveRequest): Promise<string> {
  const root = path.resolve(request.repo);
  const { config } = loadConfig(root, request.config ?? null);
  const file = path.join(root, config.waivers ?? defaultWaiversFile);
  const today = (request.now ?? new Date()).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.waiver.expires) || Number.isNaN(Date.parse(request.waiver.expires))) {
    throw new GateError(`--expires must be a date YYYY-MM-DD, got "${request.waiver.expires}"`);
  }
  if (request.waiver.expires < today) throw new GateError(`--expires ${request.waiver.expires} is in the past`);
  const owner = request.waiver.owner ?? (await gitUserEmail(root));
  const waiver: Waiver = { ...request.waiver, owner };
  const entry = stringify([waiver], { lineWidth: 0 });
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) appendFileSync(file, "# Accepted findings: each waiver has a reason, an owner and an expiry date (valid through that day, UTC).\n");
  else if (!readFileSync(file, "utf8").endsWith("\n")) appendFileSync(file, "\n");
  appendFileSync(file, entry);
  loadWaivers(file, path.relative(process.cwd(), file));
  return file;
}

async function gitUserEmail(root: string): Promise<string> {
  const run = await runTool("git", ["config", "user.email"], { cwd: root, timeoutMs: 30_000 });
  const email = run.code === 0 ? run.stdout.trim() : "";
  if (email === "") throw new GateError("no owner: pass --owner or set `git config user.email`");
  return email;
}
