// OPA's rewrite of dynamic terms, where it changes results: under `not`. References and calls in a negated call's
// arguments are evaluated before the `not`, so `not f(input.missing)` is undefined, not true (OPA #1877). OPA turns
// `==` into unification first, so `not input.missing == true` stays true: there only the dynamic parts of references
// (`obj[input.key]`) move out.
import type { Expr, Term, With } from "../ast.js";

/** Rewrites a body (and every body nested in it) the way OPA's compiler does before evaluation. */
export function hoistNegatedArguments(body: readonly Expr[], names: { next: number } = { next: 0 }): Expr[] {
  return body.flatMap((expr) => {
    const statement = expr.statement;
    if (statement.kind === "every") return [{ ...expr, statement: { ...statement, collection: nested(statement.collection, names), body: hoistNegatedArguments(statement.body, names) } }];
    if (statement.kind !== "term") return [expr];
    const term = nested(statement.term, names);
    if (!expr.negated) return [{ ...expr, statement: { kind: "term" as const, term } }];
    const hoisted: Expr[] = [];
    const hoist = (value: Term): Term => {
      const name = `$negated${names.next++}`;
      const variable: Term = { type: "var", name, loc: value.loc };
      hoisted.push(generated(variable, value, expr.with));
      return variable;
    };
    const rewritten = term.type === "call" && !isEquality(term) ? { ...term, args: term.args.map((arg) => dynamic(arg, hoist)) } : term.type === "call" ? { ...term, args: term.args.map((arg) => operand(arg, hoist)) } : operand(term, hoist);
    return [...hoisted, { ...expr, statement: { kind: "term" as const, term: rewritten } }];
  });
}

/** An operand of an equality, or a negated term: a reference keeps its place, only its dynamic parts move out. */
function operand(term: Term, hoist: (value: Term) => Term): Term {
  if (term.type === "ref") return { ...term, path: term.path.map((part) => dynamic(part, hoist)) };
  if (term.type === "arraycompr" || term.type === "setcompr" || term.type === "objectcompr") return term;
  return dynamic(term, hoist);
}

/** A term with references and calls replaced by hoisted variables (their own dynamic parts first). */
function dynamic(term: Term, hoist: (value: Term) => Term): Term {
  switch (term.type) {
    case "ref":
      return hoist({ ...term, path: term.path.map((part) => dynamic(part, hoist)) });
    case "call":
      return isEquality(term) ? term : hoist({ ...term, args: term.args.map((arg) => dynamic(arg, hoist)) });
    case "array":
    case "set":
      return { ...term, items: term.items.map((item) => dynamic(item, hoist)) };
    case "object":
      return { ...term, pairs: term.pairs.map(([key, value]) => [dynamic(key, hoist), dynamic(value, hoist)] as [Term, Term]) };
    default:
      return term;
  }
}

/** Comprehension bodies inside a term get the same rewrite. */
function nested(term: Term, names: { next: number }): Term {
  switch (term.type) {
    case "arraycompr":
    case "setcompr":
      return { ...term, term: nested(term.term, names), body: hoistNegatedArguments(term.body, names) };
    case "objectcompr":
      return { ...term, key: nested(term.key, names), value: nested(term.value, names), body: hoistNegatedArguments(term.body, names) };
    case "ref":
      return { ...term, head: nested(term.head, names), path: term.path.map((part) => nested(part, names)) };
    case "call":
      return { ...term, args: term.args.map((arg) => nested(arg, names)) };
    case "array":
    case "set":
      return { ...term, items: term.items.map((item) => nested(item, names)) };
    case "object":
      return { ...term, pairs: term.pairs.map(([key, value]) => [nested(key, names), nested(value, names)] as [Term, Term]) };
    case "template":
      return { ...term, parts: term.parts.map((part) => (typeof part === "string" ? part : nested(part, names))) };
    default:
      return term;
  }
}

function generated(variable: Term, value: Term, modifiers: With[]): Expr {
  return { statement: { kind: "term", term: { type: "call", operator: "eq", args: [variable, value], loc: value.loc } }, negated: false, with: modifiers, loc: value.loc, text: "" };
}

/** `=`, `:=` and `==` (which OPA rewrites to `=`). */
function isEquality(term: Term): boolean {
  return term.type === "call" && (term.operator === "eq" || term.operator === "assign" || term.operator === "equal");
}
