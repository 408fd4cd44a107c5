// Glob builtins with gobwas/glob semantics: glob.match (delimiters, *, **, ?, [...], {a,b}) and glob.quote_meta.

import { SetValue, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

const cache = new Map<string, RegExp>();

function escapeClass(text: string): string {
  return text.replace(/[\\\]^-]/g, "\\$&");
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** Translates a glob into an anchored regular expression. */
export function globRegex(pattern: string, delimiters: string[]): RegExp {
  const key = JSON.stringify([pattern, delimiters]);
  let regex = cache.get(key);
  if (regex) return regex;
  const single = delimiters.length === 0 ? "[^]" : `[^${escapeClass(delimiters.join(""))}]`;
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
        source += "[^]*";
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
  regex = new RegExp(`^(?:${source})$`, "u");
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
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
    implementation: ([pattern, delimiters, text]) => globRegex(pattern as string, delimitersOf(delimiters as Value)).test(text as string),
  },
  { name: "glob.quote_meta", args: [T.string], result: T.string, implementation: ([text]) => (text as string).replace(/[*?\\[\]{}]/g, "\\$&") },
];
