// The part of Go's text/template that strings.render_template needs: fields (`{{.a.b}}`, `{{.}}`), variables,
// `{{if}}`/`{{else if}}`/`{{else}}`, `{{range}}` (with `$i, $v :=` and `{{else}}`), `{{with}}`, comments, `{{-`/`-}}`
// trimming and the comparison and logic functions; values printed as Go's %v prints them.

import { equal, ObjectValue, SetValue, compare, type Value } from "../values.js";
import { BuiltinFailure } from "./registry.js";

type Node =
  | { kind: "text"; text: string }
  | { kind: "print"; pipeline: string }
  | { kind: "if" | "with"; branches: { condition: string | undefined; body: Node[] }[] }
  | { kind: "range"; key: string | undefined; value: string | undefined; pipeline: string; body: Node[]; otherwise: Node[] };

interface Action {
  text: string;
}

/** Splits a template into text and actions, applying the trim markers. */
function tokenize(template: string): (string | Action)[] {
  const parts: (string | Action)[] = [];
  let position = 0;
  for (;;) {
    const open = template.indexOf("{{", position);
    if (open < 0) {
      parts.push(template.slice(position));
      return parts;
    }
    const close = template.indexOf("}}", open + 2);
    if (close < 0) throw new BuiltinFailure("template: unclosed action");
    let text = template.slice(position, open);
    let inner = template.slice(open + 2, close);
    if (inner.startsWith("- ")) {
      text = text.trimEnd();
      inner = inner.slice(1);
    }
    let trimAfter = false;
    if (inner.endsWith(" -")) {
      trimAfter = true;
      inner = inner.slice(0, -1);
    }
    parts.push(text, { text: inner.trim() });
    position = close + 2;
    if (trimAfter) while (position < template.length && /\s/.test(template[position] as string)) position++;
  }
}

function parse(parts: (string | Action)[]): Node[] {
  let index = 0;
  const block = (stops: RegExp): [Node[], string | undefined] => {
    const nodes: Node[] = [];
    while (index < parts.length) {
      const part = parts[index++] as string | Action;
      if (typeof part === "string") {
        if (part !== "") nodes.push({ kind: "text", text: part });
        continue;
      }
      const text = part.text;
      if (text.startsWith("/*")) continue;
      if (stops.test(text)) return [nodes, text];
      const keyword = /^(if|with|range)\b\s*(.*)$/s.exec(text);
      if (!keyword) {
        nodes.push({ kind: "print", pipeline: text });
        continue;
      }
      const [, kind, rest] = keyword as unknown as [string, "if" | "with" | "range", string];
      if (kind === "range") {
        const declaration = /^(\$\w+)\s*(?:,\s*(\$\w+)\s*)?:=\s*(.*)$/s.exec(rest);
        const [body, stop] = block(/^(end|else)$/);
        const [otherwise] = stop === "else" ? block(/^end$/) : [[]];
        nodes.push({ kind: "range", key: declaration?.[2] ? declaration[1] : undefined, value: declaration ? (declaration[2] ?? declaration[1]) : undefined, pipeline: declaration ? (declaration[3] as string) : rest, body, otherwise });
        continue;
      }
      const branches: { condition: string | undefined; body: Node[] }[] = [];
      let condition: string | undefined = rest;
      for (;;) {
        const [body, stop] = block(/^(end|else\b.*)$/s);
        branches.push({ condition, body });
        if (stop === undefined) throw new BuiltinFailure(`template: unexpected EOF in ${kind}`);
        if (stop === "end") break;
        const elseIf = /^else\s+(?:if|with)\s+(.*)$/s.exec(stop);
        condition = elseIf ? elseIf[1] : undefined;
        if (!elseIf && stop !== "else") throw new BuiltinFailure(`template: unexpected ${stop}`);
      }
      nodes.push({ kind, branches });
    }
    return [nodes, undefined];
  };
  const [nodes, stop] = block(/^(end|else\b.*)$/s);
  if (stop !== undefined) throw new BuiltinFailure(`template: unexpected {{${stop}}}`);
  return nodes;
}

/** Go's truth: false, 0, nil and empty strings, arrays and maps are false. */
function truthy(value: Value | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof ObjectValue || value instanceof SetValue) return value.size > 0;
  return true;
}

/** Go's %v. */
export function goValue(value: Value | undefined): string {
  if (value === undefined) return "<no value>";
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (value instanceof ObjectValue) return `map[${value.sortedEntries().map(([key, item]) => `${goValue(key)}:${goValue(item)}`).join(" ")}]`;
  if (value instanceof SetValue) return `[${value.sorted().map(goValue).join(" ")}]`;
  return String(value);
}

interface Scope {
  dot: Value | undefined;
  variables: Map<string, Value | undefined>;
}

function field(value: Value | undefined, name: string): Value | undefined {
  return value instanceof ObjectValue ? value.get(name) : undefined;
}

/** One argument: `.`, `.a.b`, `$x.a`, a string, number or boolean literal, or a parenthesised pipeline. */
function argument(text: string, scope: Scope): Value | undefined {
  if (text.startsWith("(") && text.endsWith(")")) return pipeline(text.slice(1, -1), scope);
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return JSON.parse(text) as string;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "nil") return null;
  const reference = /^(\$\w*|)((?:\.[A-Za-z_]\w*)*|\.)$/.exec(text);
  if (!reference) throw new BuiltinFailure(`template: function "${text}" not defined`);
  const [, variable, path] = reference as unknown as [string, string, string];
  let current = variable === "" ? scope.dot : variable === "$" ? scope.variables.get("$") : scope.variables.get(variable);
  if (variable !== "" && !scope.variables.has(variable)) throw new BuiltinFailure(`template: undefined variable "${variable}"`);
  for (const name of path.split(".").filter((part) => part !== "")) current = field(current, name);
  return current;
}

function words(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"|\([^)]*\)|[^\s]+/g) ?? [];
}

const functions: Record<string, (args: (Value | undefined)[]) => Value> = {
  eq: ([first, ...rest]) => rest.some((other) => other !== undefined && first !== undefined && equal(first, other)),
  ne: ([a, b]) => !(a !== undefined && b !== undefined && equal(a, b)),
  lt: ([a, b]) => compare(a ?? null, b ?? null) < 0,
  le: ([a, b]) => compare(a ?? null, b ?? null) <= 0,
  gt: ([a, b]) => compare(a ?? null, b ?? null) > 0,
  ge: ([a, b]) => compare(a ?? null, b ?? null) >= 0,
  not: ([value]) => !truthy(value),
  and: (args) => args.find((value) => !truthy(value)) ?? args[args.length - 1] ?? null,
  or: (args) => args.find((value) => truthy(value)) ?? args[args.length - 1] ?? null,
  len: ([value]) => (typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : value instanceof ObjectValue || value instanceof SetValue ? value.size : 0),
  index: ([collection, ...keys]) => keys.reduce<Value | undefined>((current, key) => (Array.isArray(current) ? current[key as number] : field(current, key as string)), collection) ?? null,
};

function pipeline(text: string, scope: Scope): Value | undefined {
  const [head, ...rest] = words(text.trim());
  if (head === undefined) throw new BuiltinFailure("template: missing value for command");
  const fn = functions[head];
  return fn ? fn(rest.map((word) => argument(word, scope))) : argument(head, scope);
}

function elementsOf(value: Value | undefined): [Value, Value][] {
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  if (value instanceof SetValue) return value.sorted().map((item, index) => [index, item]);
  if (value instanceof ObjectValue) return value.sortedEntries();
  if (value === undefined || value === null) return [];
  throw new BuiltinFailure(`template: range can't iterate over ${goValue(value)}`);
}

function execute(nodes: Node[], scope: Scope): string {
  let output = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        output += node.text;
        break;
      case "print":
        output += goValue(pipeline(node.pipeline, scope));
        break;
      case "if":
      case "with":
        for (const branch of node.branches) {
          const value = branch.condition === undefined ? true : pipeline(branch.condition, scope);
          if (!truthy(value)) continue;
          output += execute(branch.body, node.kind === "with" && branch.condition !== undefined ? { ...scope, dot: value } : scope);
          break;
        }
        break;
      case "range": {
        const items = elementsOf(pipeline(node.pipeline, scope));
        if (items.length === 0) output += execute(node.otherwise, scope);
        for (const [key, item] of items) {
          const variables = new Map(scope.variables);
          if (node.key) variables.set(node.key, key);
          if (node.value) variables.set(node.value, item);
          output += execute(node.body, { dot: item, variables });
        }
      }
    }
  }
  return output;
}

/** Renders a template against the variables object (the template's dot). */
export function renderGoTemplate(template: string, variables: Value): string {
  return execute(parse(tokenize(template)), { dot: variables, variables: new Map([["$", variables]]) });
}
