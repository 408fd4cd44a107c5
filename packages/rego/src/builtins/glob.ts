// Glob builtins with gobwas/glob semantics: glob.match (delimiters, *, **, ?, [...], {a,b}) and glob.quote_meta.
// A glob becomes an RE2 expression, matched in linear time: no pattern backtracks past the evaluation's deadline.

import { SetValue, type Value } from "../values.js";
import { compileRegex } from "./re2.js";
import { BuiltinFailure, T, type Builtin, type BuiltinContext } from "./registry.js";

const cache = new Map<string, string>();

function escapeClass(text: string): string {
  return text.replace(/[\\\]^-]/g, "\\$&");
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** Translates a glob into an anchored RE2 expression. */
export function globRegex(pattern: string, delimiters: string[]): string {
  const key = JSON.stringify([pattern, delimiters]);
  let regex = cache.get(key);
  if (regex) return regex;
  const single = delimiters.length === 0 ? "(?s:.)" : `[^${escapeClass(delimiters.join(""))}]`;
  let source = "";
  let depth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === "\\") {
      index++;
      if (index >= pattern.length) throw new BuiltinFailure("unexpected end of input");
      source += escapeRegex(pattern[index] as string);
    } else if (character === "*") {
      if (pattern[index + 1] === "*") {
        source += "(?s:.)*";
        index++;
      } else source += `${single}*`;
    } else if (character === "?") source += single;
    else if (character === "[") {
      const close = pattern.indexOf("]", index + 1);
      if (close < 0) throw new BuiltinFailure(`unexpected end of input`);
      let body = pattern.slice(index + 1, close);
      const negated = body.startsWith("!");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^" : ""}${body.replace(/\\(.)/g, "$1").split("-").map(escapeClass).join("-")}]`;
      index = close;
    } else if (character === "]") throw new BuiltinFailure(`input:${pattern}, pos:${index + 1}, set-close ']' with no preceding '[': the input provided is invalid`);
    else if (character === "{") {
      depth++;
      source += "(?:";
    } else if (character === "}" && depth > 0) {
      depth--;
      source += ")";
    } else if (character === "," && depth > 0) source += "|";
    else source += escapeRegex(character);
  }
  if (depth > 0) throw new BuiltinFailure("unexpected end of input");
  regex = `^(?:${source})$`;
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}

function globMatch(pattern: string, delimiters: string[], text: string, context: BuiltinContext): boolean {
  context.charge(1 + Math.floor((text.length * Math.max(1, pattern.length)) / 4096));
  const regex = compileRegex(globRegex(pattern, delimiters));
  regex.lastIndex = 0;
  const matched = regex.exec(text) !== null;
  context.checkTime();
  return matched;
}

function delimitersOf(value: Value): string[] {
  if (value === null) return [];
  const items = value instanceof SetValue ? value.sorted() : (value as Value[]);
  if (items.length === 0) return ["."];
  return items.map((item) => {
    if (typeof item !== "string") throw new BuiltinFailure("glob.match: delimiters must be strings");
    return item;
  });
}

export const globBuiltins: Builtin[] = [
  {
    name: "glob.match",
    args: [T.string, ["array", "null"], T.string],
    result: T.boolean,
    implementation: ([pattern, delimiters, text], context) => globMatch(pattern as string, delimitersOf(delimiters as Value), text as string, context),
  },
  { name: "glob.quote_meta", args: [T.string], result: T.string, implementation: ([text]) => (text as string).replace(/[*?\\[\]{}]/g, "\\$&") },
];
