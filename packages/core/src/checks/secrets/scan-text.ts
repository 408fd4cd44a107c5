// Scans text for secrets: a keyword prefilter finds candidate lines, and only there do the detectors' RE2
// patterns run — so most of a file costs one pass of a fixed keyword search.
import { lineColumnOf } from "../../repo/positions.js";
import { detectors, passesEntropy, type Detector } from "./detectors.js";
import { Re2Pattern } from "./re2.js";

export interface SecretMatch {
  detector: Detector;
  line: number;
  column: number;
  endColumn: number;
  secret: string;
  /** For assignments: the name the secret is assigned to. */
  name: string | null;
}

export interface ScanOptions {
  /** Only these lines (1-based): the added lines of a change. */
  lines?: ReadonlySet<number> | null;
  /** Lines the generic assignment detector skips (values that are encrypted or reported by a Kubernetes rule). */
  genericSkips?: ReadonlySet<number>;
}

const escape = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Our own fixed keyword lists — not user input — so JS RegExp is safe here and fast for literal alternations. */
function keywordSearch(caseSensitive: boolean): { pattern: RegExp; byKeyword: Map<string, Detector[]> } | null {
  const byKeyword = new Map<string, Detector[]>();
  for (const detector of detectors) {
    if ((detector.keywordCase ?? false) !== caseSensitive) continue;
    for (const keyword of detector.keywords) {
      const key = caseSensitive ? keyword : keyword.toLowerCase();
      byKeyword.set(key, [...(byKeyword.get(key) ?? []), detector]);
    }
  }
  if (byKeyword.size === 0) return null;
  const alternatives = [...byKeyword.keys()].sort((a, b) => b.length - a.length).map(escape);
  return { pattern: new RegExp(alternatives.join("|"), caseSensitive ? "g" : "gi"), byKeyword };
}

const searches = [keywordSearch(false), keywordSearch(true)].filter((search) => search !== null);
/** Patterns compile on first use: RE2 compilation is costly and most runs need few of them. */
const compiled = new Map<string, Re2Pattern>();
function patternOf(detector: Detector): Re2Pattern {
  let pattern = compiled.get(detector.id);
  if (pattern === undefined) {
    pattern = new Re2Pattern(detector.pattern);
    compiled.set(detector.id, pattern);
  }
  return pattern;
}

export function scanText(text: string, lineStarts: number[], options: ScanOptions = {}): SecretMatch[] {
  const candidates = new Map<number, Set<Detector>>();
  for (const { pattern, byKeyword } of searches) {
    pattern.lastIndex = 0;
    const caseSensitive = !pattern.flags.includes("i");
    for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
      const line = lineColumnOf(lineStarts, hit.index).line;
      if (options.lines && !options.lines.has(line)) continue;
      const found = byKeyword.get(caseSensitive ? hit[0] : hit[0].toLowerCase()) ?? [];
      const set = candidates.get(line) ?? new Set<Detector>();
      for (const detector of found) set.add(detector);
      candidates.set(line, set);
    }
  }
  const matches: SecretMatch[] = [];
  for (const [line, lineDetectors] of candidates) {
    const start = lineStarts[line - 1] ?? 0;
    const end = lineStarts[line] === undefined ? text.length : (lineStarts[line] ?? text.length) - 1;
    const lineText = text.slice(start, end);
    for (const detector of lineDetectors) {
      if (detector.id === "secrets/generic-assignment" && options.genericSkips?.has(line)) continue;
      const hits = detector.matcher !== undefined ? detector.matcher(lineText) : patternOf(detector).findAll(lineText);
      for (const hit of hits) {
        const secret = detector.group === 0 ? hit.match : (hit.groups[detector.group - 1] ?? "");
        if (secret === "" || !passesEntropy(detector, secret)) continue;
        const offset = lineText.indexOf(secret, hit.index);
        const following = text.slice(start + offset + secret.length, start + offset + secret.length + 400);
        if (detector.accept !== undefined && !detector.accept(secret, following)) continue;
        const name = detector.group === 2 ? (hit.groups[0] ?? null) : null;
        matches.push({ detector, line, column: offset + 1, endColumn: offset + 1 + secret.length, secret, name });
      }
    }
  }
  // The generic assignment detector only speaks where no specific detector already named the secret.
  const specific = matches.filter((match) => match.detector.id !== "secrets/generic-assignment");
  const overlaps = (generic: SecretMatch): boolean =>
    specific.some((match) => match.line === generic.line && match.column < generic.endColumn && generic.column < match.endColumn);
  return matches
    .filter((match) => match.detector.id !== "secrets/generic-assignment" || !overlaps(match))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
