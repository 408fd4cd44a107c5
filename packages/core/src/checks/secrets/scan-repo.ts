// The secrets scan of a whole repository, done once per run and shared by every secrets/* rule.
import picomatch from "picomatch";
import type { CheckContext } from "../rule.js";
import type { Location } from "../../types.js";
import { isYamlPath } from "../../repo/load.js";
import { scanKubernetes } from "./kubernetes.js";
import { Re2Pattern } from "./re2.js";
import { scanText } from "./scan-text.js";

export interface SecretFinding {
  rule: string;
  message: string;
  location: Location;
  secret: string;
}

/** This project's own fake-credential fixtures and lock files are not secrets. */
const skippedFiles = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|\.mergegate\/baseline\.json)$/;

const scans = new WeakMap<object, SecretFinding[]>();

export function scanRepo(context: CheckContext): SecretFinding[] {
  const cached = scans.get(context.files);
  if (cached !== undefined) return cached;
  const allowlist = context.config.secrets?.allowlist ?? {};
  const allowedPaths = (allowlist.paths ?? []).map((glob) => picomatch(glob, { dot: true }));
  const allowedValues = (allowlist.regexes ?? []).map((pattern) => new Re2Pattern(pattern));
  const findings: SecretFinding[] = [];
  for (const file of context.files.values()) {
    if (skippedFiles.test(file.repoPath) || allowedPaths.some((matches) => matches(file.repoPath))) continue;
    const changed = context.changedLines === null ? null : context.changedLines.get(file.path);
    if (changed === undefined) continue; // diff-aware run: the file did not change
    const lines = changed === null || changed === "all" ? null : changed;
    // documents counted from the identities: scanKubernetes reads the values only of files that mention what it looks at
    const kubernetes = isYamlPath(file.repoPath) && file.identities.length > 0 ? scanKubernetes(file) : { findings: [], genericSkips: new Set<number>() };
    for (const finding of kubernetes.findings) if (lines === null || lines.has(finding.location.line)) findings.push(finding);
    for (const match of scanText(file.text, file.lineStarts, { lines, genericSkips: kubernetes.genericSkips })) {
      const what = match.name === null ? match.detector.description.replace(/\.$/, "") : `${match.name} is assigned a literal secret`;
      findings.push({
        rule: match.detector.id,
        message: what,
        location: { file: file.path, line: match.line, column: match.column, endLine: match.line, endColumn: match.endColumn },
        secret: match.secret,
      });
    }
  }
  const kept = findings.filter((finding) => !allowedValues.some((pattern) => finding.secret !== "" && pattern.test(finding.secret)));
  for (const finding of kept) if (finding.secret !== "") context.secret(finding.secret);
  scans.set(context.files, kept);
  return kept;
}

