// One suppression model for every check and output: inline allows, then waivers, then the baseline.
// Suppressed findings keep their place with `suppression` set; stale suppressions are reported.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../../config/config.js";
import type { Finding, Location, SourceFile, Suppression } from "../../types.js";
import { defaultBaselineFile, loadBaseline, type BaselineEntry } from "./baseline.js";
import { allowCovers, allowLocation, inlineAllowsOf, type InlineAllow } from "./inline.js";
import { expired, missingReason, suppressionFinding, suppressionRules, unused } from "./rules.js";
import { defaultWaiversFile, isExpired, loadWaivers, waiverCovers, type LoadedWaiver } from "./waivers.js";

export interface SuppressionOptions {
  /** Absolute path of DIR (or of DIR inside a snapshot). */
  root: string;
  reportPrefix: string;
  files: ReadonlyMap<string, SourceFile>;
  config: Config;
  now: Date;
  /** `--strict-suppressions`: unused suppressions are errors. */
  strict: boolean;
  /** Apply the baseline (off while writing a new one). */
  useBaseline: boolean;
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** Baseline entries that matched no finding, for `baseline prune`. */
  unusedBaseline: BaselineEntry[];
}

const ownRules = new Set(suppressionRules.map((meta) => meta.id));

export function applySuppressions(findings: readonly Finding[], options: SuppressionOptions): SuppressionOutcome {
  const allows = collectAllows(findings, options);
  const waiversFile = options.config.waivers ?? defaultWaiversFile;
  const waivers = loadWaivers(path.join(options.root, waiversFile), options.reportPrefix + waiversFile);
  const baselineFile = options.config.baseline ?? defaultBaselineFile;
  const baseline = options.useBaseline ? loadBaseline(path.join(options.root, baselineFile), options.reportPrefix + baselineFile) : { version: 1 as const, fingerprints: [] };
  const baselineByFingerprint = new Map(baseline.fingerprints.map((entry) => [entry.fingerprint, entry]));
  const used = new Set<InlineAllow | LoadedWaiver | BaselineEntry>();
  const live = waivers.filter(({ waiver }) => !isExpired(waiver, options.now));

  const suppressed = findings.map((finding): Finding => {
    if (ownRules.has(finding.rule)) return finding;
    const suppression = suppressionFor(finding);
    return suppression === null ? finding : { ...finding, suppression };
  });

  function suppressionFor(finding: Finding): Suppression | null {
    const location = finding.location;
    const allow = location === null ? undefined : allows.find((candidate) => allowCovers(candidate, finding.rule, finding.check, location));
    if (allow !== undefined) {
      used.add(allow);
      return { kind: "inline", reason: allow.reason, owner: null, expires: null };
    }
    const repoFile = location !== null && location.file.startsWith(options.reportPrefix) ? location.file.slice(options.reportPrefix.length) : null;
    const waiver = live.find(({ waiver: candidate }) => waiverCovers(candidate, finding, repoFile));
    if (waiver !== undefined) {
      used.add(waiver);
      return { kind: "waiver", reason: waiver.waiver.reason, owner: waiver.waiver.owner ?? null, expires: waiver.waiver.expires };
    }
    const entry = baselineByFingerprint.get(finding.fingerprint);
    if (entry !== undefined) {
      used.add(entry);
      return { kind: "baseline", reason: "accepted in the baseline", owner: null, expires: null };
    }
    return null;
  }

  const unusedSeverity = options.strict ? "error" : unused.severity;
  const reported: Finding[] = [];
  for (const allow of allows) {
    if (allow.reason === null) reported.push(suppressionFinding(missingReason, allowLocation(allow), `inline allow of ${allow.targets.join(", ") || "nothing"} has no reason (add " -- <reason>")`));
    if (!used.has(allow)) reported.push(suppressionFinding(unused, allowLocation(allow), `inline allow of ${allow.targets.join(", ") || "nothing"} matches no finding`, unusedSeverity));
  }
  for (const loaded of waivers) {
    const { waiver } = loaded;
    if (isExpired(waiver, options.now)) {
      const owner = waiver.owner === undefined ? "" : ` (owner ${waiver.owner})`;
      reported.push(suppressionFinding(expired, loaded.location, `waiver of ${waiver.rule} expired on ${waiver.expires}${owner}: ${waiver.reason}`));
    } else if (!used.has(loaded)) {
      reported.push(suppressionFinding(unused, loaded.location, `waiver of ${waiver.rule} matches no finding`, unusedSeverity));
    }
  }
  const unusedBaseline = baseline.fingerprints.filter((entry) => !used.has(entry));
  for (const entry of unusedBaseline) {
    const location = baselineLocation(options, baselineFile, entry);
    reported.push(suppressionFinding(unused, location, `baseline entry ${entry.fingerprint} (${entry.rule}) matches no finding`, unusedSeverity));
  }
  return { findings: [...suppressed, ...reported], unusedBaseline };
}

/** Inline allows in every loaded file, and in files with findings that were not loaded (any file with `#` comments). */
function collectAllows(findings: readonly Finding[], options: SuppressionOptions): InlineAllow[] {
  const texts = new Map<string, string>();
  for (const file of options.files.values()) texts.set(file.path, file.text);
  for (const finding of findings) {
    const file = finding.location?.file;
    if (file === undefined || texts.has(file) || !file.startsWith(options.reportPrefix)) continue;
    const absolute = path.join(options.root, file.slice(options.reportPrefix.length));
    texts.set(file, existsSync(absolute) ? readFileSync(absolute, "utf8") : "");
  }
  return [...texts].flatMap(([file, text]) => inlineAllowsOf(file, text));
}

function baselineLocation(options: SuppressionOptions, baselineFile: string, entry: BaselineEntry): Location {
  const text = readFileSync(path.join(options.root, baselineFile), "utf8");
  const line = text.slice(0, Math.max(0, text.indexOf(entry.fingerprint))).split("\n").length;
  return { file: options.reportPrefix + baselineFile, line, column: 1, endLine: line, endColumn: 1 };
}
