// Regex builtins with RE2 semantics: regex.match|is_valid|find_n|find_all_string_submatch_n|split|replace|template_match|globs_match, re_match.

import type { Value } from "../values.js";
import { compileRegex, findMatches, regexMatches } from "./re2.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

function isValid(pattern: string): boolean {
  try {
    compileRegex(pattern);
    return true;
  } catch {
    return false;
  }
}

function limitOf(value: Value): number {
  return Number(value);
}

function split([pattern, text]: Value[]): Value {
  const source = text as string;
  const matches = findMatches(pattern as string, source);
  const parts: string[] = [];
  let start = 0;
  for (const match of matches) {
    if (match.text === "" && match.index === 0) continue;
    parts.push(source.slice(start, match.index));
    start = match.index + match.text.length;
  }
  parts.push(source.slice(start));
  return parts;
}

/** Go's Regexp.Expand template syntax: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, match: { text: string; groups: string[] }, names: string[]): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_whole, dollar: string, braced?: string, bare?: string) => {
    if (dollar === "$") return "$";
    const name = (braced ?? bare) as string;
    if (/^\d+$/.test(name)) return Number(name) === 0 ? match.text : match.groups[Number(name) - 1] ?? "";
    const index = names.indexOf(name);
    return index < 0 ? "" : match.groups[index] ?? "";
  });
}

/** Capture-group names in order (unnamed groups as ""). */
function groupNames(pattern: string): string[] {
  const names: string[] = [];
  const groups = /\\.|\[(?:\\.|[^\]])*\]|\((\?P?<([A-Za-z0-9_]+)>|\?)?/g;
  for (let match = groups.exec(pattern); match; match = groups.exec(pattern)) {
    if (!match[0].startsWith("(")) continue;
    if (match[1] === "?") continue;
    names.push(match[2] ?? "");
  }
  return names;
}

function replace([text, pattern, replacement]: Value[]): Value {
  const source = text as string;
  const names = groupNames(pattern as string);
  let result = "";
  let start = 0;
  for (const match of findMatches(pattern as string, source)) {
    result += source.slice(start, match.index) + expand(replacement as string, match, names);
    start = match.index + match.text.length;
  }
  return result + source.slice(start);
}

/** regex.template_match: the template's delimited parts are regexes, the rest is literal. */
function templateMatch([template, text, open, close]: Value[]): Value {
  const source = template as string;
  const [start, end] = [open as string, close as string];
  let pattern = "";
  let position = 0;
  while (position < source.length) {
    const opening = source.indexOf(start, position);
    if (opening < 0) break;
    const closing = source.indexOf(end, opening + start.length);
    if (closing < 0) throw new BuiltinFailure(`unbalanced braces in template ${JSON.stringify(source)}`);
    pattern += quoteMeta(source.slice(position, opening)) + "(" + source.slice(opening + start.length, closing) + ")";
    position = closing + end.length;
  }
  pattern = "^" + pattern + quoteMeta(source.slice(position)) + "$";
  return regexMatches(pattern, text as string);
}

export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

export const regexBuiltins: Builtin[] = [
  { name: "regex.match", args: [T.string, T.string], result: T.boolean, implementation: ([pattern, text]) => regexMatches(pattern as string, text as string) },
  { name: "re_match", args: [T.string, T.string], result: T.boolean, implementation: ([pattern, text]) => regexMatches(pattern as string, text as string) },
  { name: "regex.is_valid", args: [T.any], result: T.boolean, implementation: ([pattern]) => typeof pattern === "string" && isValid(pattern) },
  {
    name: "regex.find_n",
    args: [T.string, T.string, T.number],
    result: T.array,
    intOperands: [2],
    implementation: ([pattern, text, limit]) => findMatches(pattern as string, text as string, limitOf(limit as Value)).map((match) => match.text),
  },
  {
    name: "regex.find_all_string_submatch_n",
    args: [T.string, T.string, T.number],
    result: T.array,
    intOperands: [2],
    implementation: ([pattern, text, limit]) => findMatches(pattern as string, text as string, limitOf(limit as Value)).map((match) => [match.text, ...match.groups]),
  },
  { name: "regex.split", args: [T.string, T.string], result: T.array, implementation: split },
  { name: "regex.replace", args: [T.string, T.string, T.string], result: T.string, implementation: replace },
  { name: "regex.template_match", args: [T.string, T.string, T.string, T.string], result: T.boolean, implementation: templateMatch },
];
