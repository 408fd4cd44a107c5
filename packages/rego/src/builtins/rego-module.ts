// Builtins about Rego itself: rego.parse_module (a module as OPA's AST JSON) and rego.metadata.rule|chain, which
// the compiler replaces with the annotations of the rule they appear in (called elsewhere, as in a query, they
// have no rule: `{}` and `[]`).

import type { Expr, Module, Rule, Term, With } from "../ast.js";
import { RegoError } from "../errors.js";
import { parseModule } from "../parser.js";
import { fromJSON, ObjectValue, type Value } from "../values.js";
import { BuiltinFailure, T, type Builtin } from "./registry.js";

type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };

function termJSON(term: Term): Json {
  switch (term.type) {
    case "scalar": {
      const value = term.value;
      const type = value === null ? "null" : typeof value === "boolean" ? "boolean" : typeof value === "string" ? "string" : "number";
      return { type, value: value as Json };
    }
    case "var":
      return { type: "var", value: term.name };
    case "ref":
      return { type: "ref", value: [termJSON(term.head), ...term.path.map(termJSON)] };
    case "array":
      return { type: "array", value: term.items.map(termJSON) };
    case "set":
      return { type: "set", value: term.items.map(termJSON) };
    case "object":
      return { type: "object", value: term.pairs.map(([key, value]) => [termJSON(key), termJSON(value)]) };
    case "call":
      return { type: "call", value: [operatorJSON(term.operator), ...term.args.map(termJSON)] };
    case "arraycompr":
      return { type: "arraycomprehension", value: { term: termJSON(term.term), body: bodyJSON(term.body) } };
    case "setcompr":
      return { type: "setcomprehension", value: { term: termJSON(term.term), body: bodyJSON(term.body) } };
    case "objectcompr":
      return { type: "objectcomprehension", value: { key: termJSON(term.key), value: termJSON(term.value), body: bodyJSON(term.body) } };
    case "template":
      return { type: "templatestring", value: term.parts.map((part) => (typeof part === "string" ? { type: "string", value: part } : termJSON(part))) };
  }
}

/** An operator as OPA writes it: a ref of a var and strings (`internal.member_2`, `plus`). */
function operatorJSON(operator: string): Json {
  const [head, ...rest] = operator.split(".");
  return { type: "ref", value: [{ type: "var", value: head as string }, ...rest.map((part) => ({ type: "string", value: part }))] };
}

function exprJSON(expr: Expr, index: number): Json {
  const statement = expr.statement;
  let terms: Json;
  if (statement.kind === "term") terms = statement.term.type === "call" ? [operatorJSON(statement.term.operator), ...statement.term.args.map(termJSON)] : termJSON(statement.term);
  else if (statement.kind === "some") terms = { type: "some", value: statement.vars.map(termJSON) };
  else if (statement.kind === "somein") terms = { type: "some", value: [{ type: "call", value: [operatorJSON(statement.key ? "internal.member_3" : "internal.member_2"), ...(statement.key ? [termJSON(statement.key)] : []), termJSON(statement.value), termJSON(statement.collection)] }] };
  else terms = { type: "every", value: { key: statement.key ? termJSON(statement.key) : null, value: termJSON(statement.value), domain: termJSON(statement.collection), body: bodyJSON(statement.body) } };
  const result: { [key: string]: Json } = { index, terms };
  if (expr.negated) result.negated = true;
  if (expr.with.length > 0) result.with = expr.with.map((modifier: With) => ({ target: termJSON(modifier.target), value: termJSON(modifier.value) }));
  return result;
}

function bodyJSON(body: Expr[]): Json {
  return body.map(exprJSON);
}

function ruleJSON(rule: Rule): Json {
  const head: { [key: string]: Json } = { ref: rule.head.ref.map(termJSON) };
  const first = rule.head.ref[0];
  if (rule.head.ref.length === 1 && first?.type === "var") head.name = first.name;
  if (rule.head.args) head.args = rule.head.args.map(termJSON);
  if (rule.head.key) head.key = termJSON(rule.head.key);
  head.value = rule.head.value ? termJSON(rule.head.value) : { type: "boolean", value: true };
  if (rule.head.assign) head.assign = true;
  const result: { [key: string]: Json } = { head, body: bodyJSON(rule.body) };
  if (rule.default) result.default = true;
  if (rule.else) result.else = ruleJSON(rule.else);
  return result;
}

function moduleJSON(module: Module): Json {
  const path: Json[] = [{ type: "var", value: "data" }, ...module.packagePath.map((part) => ({ type: "string", value: part }))];
  const result: { [key: string]: Json } = { package: { path } };
  if (module.imports.length > 0) result.imports = module.imports.map((declaration) => ({ path: termJSON(declaration.path), ...(declaration.alias ? { alias: declaration.alias } : {}) }));
  if (module.rules.length > 0) result.rules = module.rules.map(ruleJSON);
  return result;
}

function parse([file, source]: Value[]): Value {
  try {
    return fromJSON(moduleJSON(parseModule(source as string, file as string)));
  } catch (error) {
    if (error instanceof RegoError) throw new BuiltinFailure(`${error.code}: ${error.text}`);
    throw error;
  }
}

export const regoModuleBuiltins: Builtin[] = [
  { name: "rego.parse_module", args: [T.string, T.string], result: T.object, implementation: parse },
  { name: "rego.metadata.rule", args: [], result: T.any, implementation: () => new ObjectValue() },
  { name: "rego.metadata.chain", args: [], result: T.array, implementation: () => [] },
];
