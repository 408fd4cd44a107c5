// Safety: orders body expressions so every variable is bound before it is read, and reports unsafe variables.

import type { CallTerm, Expr, ScalarTerm, Term, VarTerm } from "../ast.js";
import { CompileError, CompileErrors } from "../errors.js";
import { equal, keyOf } from "../values.js";

type Slots = Set<number>;

/** Variables a term needs bound to be evaluated as a value (reference path variables are bound by iteration instead). */
export function needs(term: Term, into: VarTerm[] = []): VarTerm[] {
  switch (term.type) {
    case "var":
      if (term.slot !== undefined) into.push(term);
      break;
    case "ref":
      needs(term.head, into);
      for (const part of term.path) if (part.type !== "var") patternNeeds(part, into);
      break;
    case "array":
    case "set":
      for (const item of term.items) needs(item, into);
      break;
    case "object":
      for (const [key, value] of term.pairs) {
        needs(key, into);
        needs(value, into);
      }
      break;
    case "call":
      for (const arg of term.args) needs(arg, into);
      break;
    case "template":
      for (const part of term.parts) if (typeof part !== "string") needs(part, into);
      break;
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      for (const slot of term.closure ?? []) into.push({ type: "var", name: "", loc: term.loc, slot });
      break;
  }
  return into;
}

/** Variables of a term used as a unification pattern that must still be bound beforehand (everything but pattern variables). */
function patternNeeds(term: Term, into: VarTerm[] = []): VarTerm[] {
  switch (term.type) {
    case "var":
      break;
    case "array":
      for (const item of term.items) patternNeeds(item, into);
      break;
    case "object":
      for (const [key, value] of term.pairs) {
        needs(key, into);
        patternNeeds(value, into);
      }
      break;
    default:
      needs(term, into);
  }
  return into;
}

/** Variables a term binds: pattern variables and reference iteration variables. */
export function outputs(term: Term, pattern: boolean, into: Slots = new Set()): Slots {
  switch (term.type) {
    case "var":
      if (pattern && term.slot !== undefined) into.add(term.slot);
      break;
    case "ref":
      outputs(term.head, false, into);
      for (const part of term.path) outputs(part, true, into);
      break;
    case "array":
    case "set":
      for (const item of term.items) outputs(item, pattern, into);
      break;
    case "object":
      for (const [key, value] of term.pairs) {
        outputs(key, false, into);
        outputs(value, pattern, into);
      }
      break;
    case "call":
      for (const arg of term.args) outputs(arg, false, into);
      break;
    case "template":
      for (const part of term.parts) if (typeof part !== "string") outputs(part, false, into);
      break;
  }
  return into;
}

function allSafe(vars: VarTerm[], safe: Slots, extra?: Slots): boolean {
  for (const variable of vars) if (!safe.has(variable.slot as number) && !extra?.has(variable.slot as number)) return false;
  return true;
}

/**
 * Whether two literals can never unify because their constant parts differ (`[x, 3]` and `[1, 2]`, `{"k": x}` and
 * `{"j": 1}`): OPA's compiler then binds none of their variables, so one used elsewhere is unsafe.
 */
function literalsConflict(left: Term, right: Term): boolean {
  if (left.type === "scalar" && right.type === "scalar") return !equal(left.value, right.value);
  if (left.type === "array" && right.type === "array") return left.items.length !== right.items.length || left.items.some((item, i) => literalsConflict(item, right.items[i] as Term));
  if (left.type === "object" && right.type === "object") {
    if (![...left.pairs, ...right.pairs].every(([key]) => key.type === "scalar")) return false;
    const rightValues = new Map(right.pairs.map(([key, value]) => [keyOf((key as ScalarTerm).value), value]));
    if (left.pairs.length !== right.pairs.length) return true;
    return left.pairs.some(([key, value]) => {
      const other = rightValues.get(keyOf((key as ScalarTerm).value));
      return other === undefined || literalsConflict(value, other);
    });
  }
  return false;
}

/** The variables bound by unifying two terms, or undefined when neither side can be evaluated yet. */
function unifyOutputs(left: Term, right: Term, safe: Slots): Slots | undefined {
  if (literalsConflict(left, right)) return new Set();
  const leftOut = outputs(left, false);
  const rightOut = outputs(right, false);
  const leftReady = allSafe(needs(left), safe, leftOut);
  const rightReady = allSafe(needs(right), safe, rightOut);
  if (leftReady && rightReady) return union(leftOut, rightOut);
  if (rightReady && allSafe(patternNeeds(left), safe, leftOut)) return union(outputs(left, true), rightOut);
  if (leftReady && allSafe(patternNeeds(right), safe, rightOut)) return union(outputs(right, true), leftOut);
  if (left.type === "array" && right.type === "array" && left.items.length === right.items.length) {
    const bound = new Set(safe);
    const produced: Slots = new Set();
    let pending = left.items.map((item, i) => [item, right.items[i] as Term] as const);
    while (pending.length > 0) {
      const next = pending.filter(([a, b]) => {
        const result = unifyOutputs(a, b, bound);
        if (!result) return true;
        for (const slot of result) {
          bound.add(slot);
          produced.add(slot);
        }
        return false;
      });
      if (next.length === pending.length) return undefined;
      pending = next;
    }
    return produced;
  }
  if (left.type === "object" && right.type === "object" && left.pairs.length === right.pairs.length) {
    return unifyOutputs(
      { type: "array", items: left.pairs.map(([, value]) => value), loc: left.loc },
      { type: "array", items: right.pairs.map(([, value]) => value), loc: right.loc },
      safe,
    );
  }
  return undefined;
}

function union(a: Slots, b: Slots): Slots {
  for (const slot of b) a.add(slot);
  return a;
}

/** An order in which call arguments can be evaluated given the safe variables, or undefined when none exists. */
function argumentOrder(args: Term[], safe: Slots): { order: number[]; bound: Slots } | undefined {
  const bound = new Set(safe);
  const order: number[] = [];
  let pending = args.map((_, index) => index);
  while (pending.length > 0) {
    const waiting = pending.filter((index) => {
      const arg = args[index] as Term;
      const produced = outputs(arg, false);
      if (!allSafe(needs(arg), bound, produced)) return true;
      order.push(index);
      union(bound, produced);
      return false;
    });
    if (waiting.length === pending.length) return undefined;
    pending = waiting;
  }
  return { order, bound };
}

function orderCall(term: CallTerm, inputs: Term[], safe: Slots): Slots | undefined {
  const result = argumentOrder(inputs, safe);
  if (!result) return undefined;
  if (result.order.some((position, index) => position !== index)) term.order = result.order;
  return result.bound;
}

/** The variables an expression binds when it can run with the given safe variables, or undefined. */
function runnable(expr: Expr, safe: Slots): Slots | undefined {
  for (const modifier of expr.with) if (!allSafe(needs(modifier.value), safe)) return undefined;
  const statement = expr.statement;
  switch (statement.kind) {
    case "some":
      return new Set();
    case "every": {
      if (!allSafe(needs(statement.collection), safe, outputs(statement.collection, false))) return undefined;
      for (const slot of statement.closure ?? []) if (!safe.has(slot)) return undefined;
      return new Set();
    }
    case "somein": {
      const collectionOut = outputs(statement.collection, false);
      if (!allSafe(needs(statement.collection), safe, collectionOut)) return undefined;
      const bound = union(collectionOut, outputs(statement.value, true));
      if (statement.key) union(bound, outputs(statement.key, true));
      if (!allSafe(patternNeeds(statement.value), safe, bound)) return undefined;
      if (statement.key && !allSafe(patternNeeds(statement.key), safe, bound)) return undefined;
      return bound;
    }
    case "term": {
      const term = statement.term;
      if (expr.negated) {
        const local = outputs(term, false);
        return allSafe(needs(term), safe, local) ? new Set() : undefined;
      }
      if (term.type === "call" && (term.operator === "eq" || term.operator === "assign")) return unifyOutputs(term.args[0] as Term, term.args[1] as Term, safe);
      if (term.type === "call" && term.output) {
        const result = term.args[term.args.length - 1] as Term;
        const bound = orderCall(term, term.args.slice(0, -1), safe);
        if (!bound) return undefined;
        union(bound, outputs(result, true));
        return allSafe(patternNeeds(result), safe, bound) ? bound : undefined;
      }
      if (term.type === "call") return orderCall(term, term.args, safe);
      const bound = outputs(term, false);
      return allSafe(needs(term), safe, bound) ? bound : undefined;
    }
  }
}

/** Reorders a body so that each expression runs once its inputs are bound; nested bodies are ordered too. Returns the final safe set. */
export function orderBody(body: Expr[], safe: Slots, names: string[]): { body: Expr[]; safe: Slots } {
  const bound = new Set(safe);
  const ordered: Expr[] = [];
  let pending = body;
  while (pending.length > 0) {
    const waiting: Expr[] = [];
    for (const expr of pending) {
      const result = runnable(expr, bound);
      if (result === undefined) {
        waiting.push(expr);
        continue;
      }
      orderNested(expr, bound, names);
      for (const slot of result) bound.add(slot);
      ordered.push(expr);
    }
    if (waiting.length === pending.length) throw unsafeError(waiting, bound, names);
    pending = waiting;
  }
  return { body: ordered, safe: bound };
}

/** Orders the bodies of comprehensions and `every` inside an expression that is about to run with `safe` bound. */
function orderNested(expr: Expr, safe: Slots, names: string[]): void {
  const statement = expr.statement;
  if (statement.kind === "every") {
    const inner = new Set(safe);
    if (statement.key) inner.add(statement.key.slot as number);
    inner.add(statement.value.slot as number);
    statement.body = orderBody(statement.body, inner, names).body;
  }
  const terms: Term[] = [];
  if (statement.kind === "term") terms.push(statement.term);
  if (statement.kind === "somein") terms.push(statement.collection, statement.value);
  if (statement.kind === "every") terms.push(statement.collection);
  for (const modifier of expr.with) terms.push(modifier.value);
  for (const term of terms) orderTerm(term, safe, names);
}

/** Orders comprehension bodies found in a term, given the variables bound outside. */
export function orderTerm(term: Term, safe: Slots, names: string[]): void {
  switch (term.type) {
    case "arraycompr":
    case "setcompr": {
      const result = orderBody(term.body, safe, names);
      term.body = result.body;
      checkHead([term.term], result.safe, names);
      orderTerm(term.term, result.safe, names);
      return;
    }
    case "objectcompr": {
      const result = orderBody(term.body, safe, names);
      term.body = result.body;
      checkHead([term.key, term.value], result.safe, names);
      orderTerm(term.key, result.safe, names);
      orderTerm(term.value, result.safe, names);
      return;
    }
    case "ref":
      orderTerm(term.head, safe, names);
      for (const part of term.path) orderTerm(part, safe, names);
      return;
    case "array":
    case "set":
      for (const item of term.items) orderTerm(item, safe, names);
      return;
    case "object":
      for (const [key, value] of term.pairs) {
        orderTerm(key, safe, names);
        orderTerm(value, safe, names);
      }
      return;
    case "call":
      for (const arg of term.args) orderTerm(arg, safe, names);
      return;
    case "template":
      for (const part of term.parts) if (typeof part !== "string") orderTerm(part, safe, names);
      return;
  }
}

/** Head terms (rule key/value, comprehension terms) must only read bound variables. */
export function checkHead(terms: Term[], safe: Slots, names: string[]): void {
  const unsafe: VarTerm[] = [];
  for (const term of terms) for (const variable of needs(term)) if (!safe.has(variable.slot as number)) unsafe.push(variable);
  if (unsafe.length > 0) throw unsafeVariables(unsafe, names);
}

function unsafeError(waiting: Expr[], safe: Slots, names: string[]): CompileError | CompileErrors {
  const unsafe: VarTerm[] = [];
  for (const expr of waiting) {
    const statement = expr.statement;
    const terms = statement.kind === "term" ? [statement.term] : statement.kind === "somein" ? [statement.collection] : statement.kind === "every" ? [statement.collection] : [];
    for (const term of terms) for (const variable of needs(term)) if (!safe.has(variable.slot as number)) unsafe.push({ ...variable, loc: variable.name ? variable.loc : expr.loc });
  }
  if (unsafe.length === 0) unsafe.push({ type: "var", name: "", loc: (waiting[0] as Expr).loc });
  return unsafeVariables(unsafe, names);
}

function unsafeVariables(unsafe: VarTerm[], names: string[]): CompileError | CompileErrors {
  const seen = new Set<number>();
  const errors: CompileError[] = [];
  for (const variable of unsafe) {
    if (seen.has(variable.slot as number)) continue;
    seen.add(variable.slot as number);
    const name = variable.name || names[variable.slot as number] || "_";
    errors.push(new CompileError("rego_unsafe_var_error", `var ${name.startsWith("__") ? "_" : name} is unsafe`, variable.loc));
  }
  return errors.length === 1 ? (errors[0] as CompileError) : new CompileErrors(errors);
}
