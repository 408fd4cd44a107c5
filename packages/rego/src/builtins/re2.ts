// RE2 regular expressions (Go's regexp syntax and linear-time matching) through re2-wasm, cached by pattern.

import { createRequire } from "node:module";
import { onFirstUse } from "./first-use.js";
import { BuiltinFailure } from "./registry.js";

interface Re2Match extends Array<string | undefined> {
  index: number;
}

interface Re2Instance {
  exec(text: string): Re2Match | null;
  lastIndex: number;
}

type Re2Class = new (pattern: string, flags: string) => Re2Instance;

const require = createRequire(import.meta.url);
/** re2-wasm compiles its WebAssembly when loaded: only on the first regular expression. */
const loadRe2 = onFirstUse(() => (require("re2-wasm") as { RE2: Re2Class }).RE2);

const cache = new Map<string, Re2Instance>();
const cacheLimit = 1000;

/** A compiled pattern; throws a BuiltinFailure with RE2's message when the pattern is invalid. */
export function compileRegex(pattern: string): Re2Instance {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const RE2 = loadRe2();
    try {
      compiled = new RE2(pattern, "gu");
    } catch (error) {
      throw new BuiltinFailure(`error parsing regexp: ${(error as Error).message}`);
    }
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

export interface RegexMatch {
  index: number;
  text: string;
  groups: string[];
}

/** Up to `limit` non-overlapping matches (every match when limit is negative), as Go's FindAll. */
export function findMatches(pattern: string, text: string, limit = -1): RegexMatch[] {
  const regex = compileRegex(pattern);
  const matches: RegexMatch[] = [];
  regex.lastIndex = 0;
  let previousEnd = -1;
  while (limit < 0 || matches.length < limit) {
    const match = regex.exec(text);
    if (!match) break;
    const whole = match[0] ?? "";
    if (whole.length === 0) {
      if (match.index === previousEnd) {
        regex.lastIndex = match.index + 1;
        if (regex.lastIndex > text.length) break;
        continue;
      }
      regex.lastIndex = match.index + (text.codePointAt(match.index)! > 0xffff ? 2 : 1);
    }
    previousEnd = match.index + whole.length;
    matches.push({ index: match.index, text: whole, groups: match.slice(1).map((group) => group ?? "") });
    if (regex.lastIndex > text.length) break;
  }
  return matches;
}

/**
 * Whether `text` matches, remembered per pattern for short texts: a match is pure, and policies test the same label
 * keys and values over and over (a call into re2-wasm costs ~50 µs, a lookup well under one).
 */
export function regexMatches(pattern: string, text: string): boolean {
  if (text.length > rememberedTextLength) return matches(pattern, text);
  let results = matchResults.get(pattern);
  const known = results?.get(text);
  if (known !== undefined) return known;
  const result = matches(pattern, text);
  if (rememberedResults >= rememberedResultsLimit) {
    matchResults.clear();
    rememberedResults = 0;
    results = undefined;
  }
  if (results === undefined) matchResults.set(pattern, (results = new Map()));
  results.set(text, result);
  rememberedResults++;
  return result;
}

const rememberedTextLength = 256;
const rememberedResultsLimit = 10_000;
const matchResults = new Map<string, Map<string, boolean>>();
let rememberedResults = 0;

function matches(pattern: string, text: string): boolean {
  const regex = compileRegex(pattern);
  regex.lastIndex = 0;
  return regex.exec(text) !== null;
}
