// More string builtins: indexof_n, strings.count|reverse|replace_n|render_template.

import { ObjectValue, typeName, type Value } from "../values.js";
import { guardStringLength } from "./budget.js";
import { OperandError, T, type Builtin } from "./registry.js";
import { renderGoTemplate } from "./go-template.js";

/** Every code-point index where the search string starts (overlapping). */
function indexesOf([text, search]: Value[]): Value {
  const characters = [...(text as string)];
  const needle = [...(search as string)];
  const result: number[] = [];
  for (let index = 0; index + needle.length <= characters.length; index++) {
    if (needle.every((character, offset) => characters[index + offset] === character)) result.push(index);
  }
  return result;
}

/** Non-overlapping occurrences, like Go's strings.Count (an empty search counts code points + 1). */
function count([text, search]: Value[]): Value {
  if (search === "") return [...(text as string)].length + 1;
  return (text as string).split(search as string).length - 1;
}

/** strings.replace_n: every key of the pattern object replaced by its value, longest-first at each position like Go's Replacer. */
function replaceMany([patterns, text]: Value[]): Value {
  const pairs: [string, string][] = [];
  for (const [key, value] of (patterns as ObjectValue).sortedEntries()) {
    if (typeof key !== "string") throw new OperandError("operand 1 non-string key found in pattern object");
    if (typeof value !== "string") throw new OperandError("operand 1 non-string value found in pattern object");
    pairs.push([key, value]);
  }
  const source = text as string;
  const empty = pairs.find(([key]) => key === "");
  // each character of the text becomes at most the longest replacement, plus the empty key's between characters
  guardStringLength("strings.replace_n", (source.length + 1) * (Math.max(1, ...pairs.map(([, value]) => value.length)) + (empty ? empty[1].length : 0)));
  let result = "";
  let index = 0;
  while (index <= source.length) {
    const found = pairs.find(([key]) => key !== "" && source.startsWith(key, index));
    if (found) {
      result += found[1];
      index += found[0].length;
      continue;
    }
    // Go's Replacer matches an empty old string at every position that nothing else matches, between runes.
    if (empty) result += empty[1];
    if (index < source.length) {
      const rune = String.fromCodePoint(source.codePointAt(index) as number);
      result += rune;
      index += rune.length;
    } else index++;
  }
  return result;
}

export const moreStringBuiltins: Builtin[] = [
  { name: "indexof_n", args: [T.string, T.string], result: T.array, implementation: indexesOf },
  { name: "strings.count", args: [T.string, T.string], result: T.number, implementation: count },
  {
    name: "strings.reverse",
    args: [T.any],
    result: T.string,
    implementation: ([text]) => {
      if (typeof text !== "string") throw new OperandError(`operand 1 must be string but got ${typeName(text as Value)}`);
      return [...text].reverse().join("");
    },
  },
  { name: "strings.replace_n", args: [T.object, T.string], result: T.string, implementation: replaceMany },
  { name: "strings.render_template", args: [T.string, T.object], result: T.string, implementation: ([template, variables]) => renderGoTemplate(template as string, variables as Value) },
];
