// regex.globs_match: whether two glob-like patterns (only `.`, `*`, `+`, `[...]` and `\` are special, as in OPA's
// glob-intersection library) both match some non-empty string — decided on the product of their automata.

import type { Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

/** A set of characters: inclusive code point ranges, or everything (`.`). */
interface CharSet {
  ranges: [number, number][];
  any: boolean;
}

interface Token {
  set: CharSet;
  /** `*`: zero or more of the set (a `+` is kept as one token then a `*` token). */
  star: boolean;
}

function invalid(pattern: string, position: number, reason: string): never {
  throw new BuiltinFailure(`input:${pattern}, pos:${position}, ${reason}: the input provided is invalid`);
}

function parseClass(pattern: string, chars: string[], start: number): [CharSet, number] {
  const ranges: [number, number][] = [];
  let index = start + 1;
  const next = (): number => {
    let char = chars[index] as string;
    if (char === "\\") {
      index++;
      char = chars[index] ?? invalid(pattern, index, "escape at the end of the input");
    }
    index++;
    return char.codePointAt(0) as number;
  };
  while (index < chars.length && chars[index] !== "]") {
    const low = next();
    if (chars[index] === "-" && chars[index + 1] !== undefined && chars[index + 1] !== "]") {
      index++;
      const high = next();
      if (high < low) invalid(pattern, index, "range end is before its start");
      ranges.push([low, high]);
    } else ranges.push([low, low]);
  }
  if (chars[index] !== "]") invalid(pattern, start + 1, "set-open '[' with no closing ']'");
  if (ranges.length === 0) invalid(pattern, index + 1, "empty set");
  return [{ ranges, any: false }, index + 1];
}

function parsePattern(pattern: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  let index = 0;
  while (index < chars.length) {
    const char = chars[index] as string;
    let set: CharSet;
    if (char === "*" || char === "+") invalid(pattern, index + 1, `modifier '${char}' with no preceding character`);
    if (char === "]") invalid(pattern, index + 1, "set-close ']' with no preceding '['");
    if (char === "[") [set, index] = parseClass(pattern, chars, index);
    else if (char === ".") {
      set = { ranges: [], any: true };
      index++;
    } else if (char === "\\") {
      const escaped = chars[index + 1] ?? invalid(pattern, index + 1, "escape at the end of the input");
      const point = escaped.codePointAt(0) as number;
      set = { ranges: [[point, point]], any: false };
      index += 2;
    } else {
      const point = char.codePointAt(0) as number;
      set = { ranges: [[point, point]], any: false };
      index++;
    }
    const modifier = chars[index];
    if (modifier === "*") {
      tokens.push({ set, star: true });
      index++;
    } else if (modifier === "+") {
      tokens.push({ set, star: false }, { set, star: true });
      index++;
    } else tokens.push({ set, star: false });
  }
  return tokens;
}

function contains(set: CharSet, point: number): boolean {
  return set.any || set.ranges.some(([low, high]) => point >= low && point <= high);
}

/** Whether two sets share a character: unions of ranges meet at one of their end points if at all. */
function intersects(a: CharSet, b: CharSet): boolean {
  if (a.any || b.any) return a.any ? b.any || b.ranges.length > 0 : a.ranges.length > 0;
  return [...a.ranges, ...b.ranges].some(([low, high]) => (contains(a, low) && contains(b, low)) || (contains(a, high) && contains(b, high)));
}

/** Positions reachable without consuming a character (skipping starred tokens). */
function closure(tokens: Token[], position: number): number[] {
  const positions = [position];
  while (position < tokens.length && (tokens[position] as Token).star) positions.push(++position);
  return positions;
}

function globsIntersect(first: Token[], second: Token[]): boolean {
  const seen = new Set<string>();
  const queue: [number, number, boolean][] = [[0, 0, false]];
  while (queue.length > 0) {
    const [i, j, consumed] = queue.shift() as [number, number, boolean];
    for (const a of closure(first, i)) {
      for (const b of closure(second, j)) {
        if (consumed && a === first.length && b === second.length) return true;
        const x = first[a];
        const y = second[b];
        if (!x || !y || !intersects(x.set, y.set)) continue;
        const next: [number, number, boolean] = [x.star ? a : a + 1, y.star ? b : b + 1, true];
        const key = next.join(",");
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(next);
        }
      }
    }
  }
  return false;
}

export const globsMatchBuiltins: Builtin[] = [
  {
    name: "regex.globs_match",
    args: [T.string, T.string],
    result: T.boolean,
    implementation: ([first, second]: Value[]) => globsIntersect(parsePattern(first as string), parsePattern(second as string)),
  },
];
