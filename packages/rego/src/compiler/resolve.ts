// Name resolution: turns rule names and imports into data references, locals into frame slots, and call names into builtins or functions.

import type { CallTerm, Closure, Expr, Import, Location, Statement, Term, VarTerm, With } from "../ast.js";
import { refText, visitTerm } from "../ast.js";
import { CompileError } from "../errors.js";
import { Scope, SlotAllocator } from "./scope.js";

/** What resolution needs to know about the world outside one body. */
export interface ResolveEnvironment {
  packagePath: string[];
  /** First names of the rules of the package (`p` for `p.q[x] := ...`). */
  ruleNames: Set<string>;
  imports: Import[];
  /** Arity of each user function, by dotted path (`data.pkg.f`). */
  functions: Map<string, number>;
  /** Arity of each builtin, or undefined for variadic ones; missing names are not builtins. */
  builtinArity: (name: string) => number | undefined | "unknown";
}

export interface WithTarget extends With {
  /** Set when the value names a function that replaces the target. */
  functionValue?: string;
  /** Set when the target is a function (builtin name or `data.pkg.f`). */
  functionTarget?: string;
}

export class Resolver {
  readonly slots = new SlotAllocator();
  /** Variables declared by `some x` or as every's key and value, which OPA requires to be used. */
  private readonly declaredVars: VarTerm[] = [];
  private readonly usedSlots = new Set<number>();

  constructor(private readonly environment: ResolveEnvironment) {}

  /** OPA's "declared var x unused": call once the rule's head and body (or the query) are resolved. */
  checkDeclaredVarsUsed(): void {
    const unused = this.declaredVars.find((variable) => !this.usedSlots.has(variable.slot as number));
    if (unused) throw new CompileError("rego_compile_error", `declared var ${unused.name} unused`, unused.loc);
  }

  rootScope(occurs: Set<string>): Scope {
    return new Scope(this.slots, occurs, undefined);
  }

  body(body: Expr[], scope: Scope): Expr[] {
    return body.map((expr) => this.expr(expr, scope));
  }

  expr(expr: Expr, scope: Scope): Expr {
    const statement = this.statement(expr.statement, scope);
    const modifiers = expr.with.map((modifier) => this.with(modifier, scope));
    return { ...expr, statement, with: modifiers };
  }

  private statement(statement: Statement, scope: Scope): Statement {
    switch (statement.kind) {
      case "some": {
        const vars = statement.vars.map((variable) => scope.declare(variable.name, variable.loc, false));
        this.declaredVars.push(...vars);
        return { kind: "some", vars };
      }
      case "somein": {
        const collection = this.term(statement.collection, scope);
        const key = statement.key && this.declarePattern(statement.key, scope, false);
        return { kind: "somein", key, value: this.declarePattern(statement.value, scope, false), collection };
      }
      case "every": {
        const collection = this.term(statement.collection, scope);
        const occurs = shallowNames(statement.body);
        const inner = scope.child(occurs);
        const key = statement.key && inner.declare(statement.key.name, statement.key.loc, false);
        const value = inner.declare(statement.value.name, statement.value.loc, false);
        this.declaredVars.push(...[key, value].filter((variable): variable is VarTerm => variable !== undefined && variable.name !== "_"));
        const body = this.body(statement.body, inner);
        const every: Statement & Closure = { kind: "every", key, value, collection, body };
        every.closure = closureOf(body, [], inner);
        return every;
      }
      case "term":
        return { kind: "term", term: this.statementTerm(statement.term, scope) };
    }
  }

  private statementTerm(term: Term, scope: Scope): Term {
    if (term.type === "call" && term.operator === "assign") {
      const [left, right] = term.args as [Term, Term];
      if (left.type !== "var" && left.type !== "array" && left.type !== "object") {
        throw new CompileError("rego_parse_error", "cannot assign to " + describe(left), left.loc);
      }
      const value = this.term(right, scope);
      return { ...term, args: [this.declarePattern(left, scope, true), value] };
    }
    if (term.type === "call") return this.call(term, scope, true);
    return this.term(term, scope);
  }

  /** Declares the variables of an assignment, `some ... in` or function parameter pattern. */
  declarePattern(term: Term, scope: Scope, assignment: boolean): Term {
    switch (term.type) {
      case "var":
        if (term.name === "_") return scope.wildcard(term.loc);
        return scope.declare(term.name, term.loc, assignment);
      case "array":
        return { ...term, items: term.items.map((item) => this.declarePattern(item, scope, assignment)) };
      case "object":
        return { ...term, pairs: term.pairs.map(([key, value]) => [this.term(key, scope), this.declarePattern(value, scope, assignment)] as [Term, Term]) };
      default:
        return this.term(term, scope);
    }
  }

  private with(modifier: With, scope: Scope): WithTarget {
    const text = refText(modifier.target);
    if (text === undefined) throw new CompileError("rego_compile_error", "with keyword target must be a reference", modifier.target.loc);
    const resolved: WithTarget = { ...modifier, value: modifier.value };
    const root = text.split(".")[0] as string;
    if (root === "input" || root === "data") {
      resolved.target = modifier.target;
      if (this.environment.functions.has(text)) resolved.functionTarget = text;
    } else {
      const name = this.operatorName(text, modifier.target.loc);
      resolved.functionTarget = name;
    }
    const valueText = refText(modifier.value);
    const valueFunction = valueText !== undefined && !scope.isDeclared(valueText) ? this.functionName(valueText) : undefined;
    if (valueFunction !== undefined && (resolved.functionTarget !== undefined || this.environment.functions.has(valueFunction))) {
      resolved.functionValue = valueFunction;
    } else resolved.value = this.term(modifier.value, scope);
    return resolved;
  }

  /** The function a name denotes, if any (user function path or builtin). */
  private functionName(text: string): string | undefined {
    const expanded = this.expandName(text);
    if (this.environment.functions.has(expanded)) return expanded;
    const arity = this.environment.builtinArity(expanded);
    return arity === "unknown" ? undefined : expanded;
  }

  term(term: Term, scope: Scope): Term {
    switch (term.type) {
      case "scalar":
        return term;
      case "var":
        return this.variable(term, scope);
      case "ref":
        return this.ref(term.head, term.path, term.loc, scope);
      case "array":
        return { ...term, items: term.items.map((item) => this.term(item, scope)) };
      case "set":
        return { ...term, items: term.items.map((item) => this.term(item, scope)) };
      case "object":
        return { ...term, pairs: term.pairs.map(([key, value]) => [this.term(key, scope), this.term(value, scope)] as [Term, Term]) };
      case "call":
        return this.call(term, scope, false);
      case "template":
        return { ...term, parts: term.parts.map((part) => (typeof part === "string" ? part : this.term(part, scope))) };
      case "arraycompr":
      case "setcompr": {
        const inner = scope.child(shallowNames(term.body, [term.term]));
        const body = this.body(term.body, inner);
        const head = this.term(term.term, inner);
        return { ...term, body, term: head, closure: closureOf(body, [head], inner) };
      }
      case "objectcompr": {
        const inner = scope.child(shallowNames(term.body, [term.key, term.value]));
        const body = this.body(term.body, inner);
        const key = this.term(term.key, inner);
        const value = this.term(term.value, inner);
        return { ...term, body, key, value, closure: closureOf(body, [key, value], inner) };
      }
    }
  }

  private variable(term: VarTerm, scope: Scope): Term {
    const name = term.name;
    if (name === "_") return scope.wildcard(term.loc);
    if (scope.isDeclared(name)) {
      const slot = scope.lookup(name) as number;
      this.usedSlots.add(slot);
      return { ...term, slot };
    }
    if (name === "input" || name === "data") return { type: "var", name, loc: term.loc };
    const imported = this.importFor(name);
    if (imported) return relocate(imported, term.loc);
    if (this.environment.ruleNames.has(name)) return dataRef([...this.environment.packagePath, name], term.loc);
    const slot = scope.lookup(name);
    if (slot === undefined) return { ...term, slot: scope.declare(name, term.loc, false).slot as number };
    return { ...term, slot };
  }

  private ref(head: Term, path: Term[], loc: Location, scope: Scope): Term {
    const resolvedHead = this.term(head, scope);
    const resolvedPath = path.map((part) => this.term(part, scope));
    if (resolvedHead.type === "ref") return { type: "ref", head: resolvedHead.head, path: [...resolvedHead.path, ...resolvedPath], loc };
    return { type: "ref", head: resolvedHead, path: resolvedPath, loc };
  }

  private importFor(name: string): Term | undefined {
    for (const declaration of this.environment.imports) {
      const text = refText(declaration.path);
      if (text === undefined) continue;
      const root = text.split(".")[0];
      if (root !== "data" && root !== "input") continue;
      const alias = declaration.alias ?? text.split(".").pop();
      if (alias === name) return declaration.path;
    }
    return undefined;
  }

  /** Expands import aliases and package-local rule names in a dotted function name. */
  private expandName(text: string): string {
    const [first, ...rest] = text.split(".");
    const imported = this.importFor(first as string);
    if (imported) return [refText(imported) as string, ...rest].join(".");
    if (first !== "data" && this.environment.ruleNames.has(first as string)) return ["data", ...this.environment.packagePath, text].join(".");
    return text;
  }

  private operatorName(text: string, loc: Location): string {
    const name = this.expandName(text);
    if (this.environment.functions.has(name)) return name;
    if (this.environment.builtinArity(name) !== "unknown") return name;
    throw new CompileError("rego_type_error", `undefined function ${name}`, loc);
  }

  private call(term: CallTerm, scope: Scope, statement: boolean): Term {
    if (term.operator === "eq" || term.operator === "assign") {
      if (!statement) throw new CompileError("rego_parse_error", `unexpected ${term.operator === "eq" ? "=" : ":="} token`, term.loc);
      return { ...term, args: term.args.map((arg) => this.term(arg, scope)) };
    }
    const operator = this.operatorName(term.operator, term.loc);
    const args = term.args.map((arg) => this.term(arg, scope));
    const arity = this.environment.functions.get(operator) ?? this.environment.builtinArity(operator);
    const resolved: CallTerm = { ...term, operator, args };
    if (typeof arity === "number" && args.length !== arity) {
      if (statement && args.length === arity + 1) resolved.output = true;
      else throw new CompileError("rego_type_error", `${operator}: arity mismatch\n\thave: ${args.length} arguments\n\twant: ${arity} arguments`, term.loc);
    }
    return resolved;
  }
}

function describe(term: Term): string {
  return term.type === "scalar" ? `${typeof term.value === "string" ? "string" : term.value === null ? "null" : typeof term.value}` : term.type;
}

export function dataRef(path: string[], loc: Location): Term {
  return { type: "ref", head: { type: "var", name: "data", loc }, path: path.map((value) => ({ type: "scalar", value, loc })), loc };
}

function relocate(term: Term, loc: Location): Term {
  if (term.type === "ref") return { ...term, loc, head: { ...term.head, loc } };
  return { ...term, loc };
}

/** Names of variables occurring directly in a body (not in nested comprehension or every bodies). */
export function shallowNames(body: Expr[], extra: Term[] = []): Set<string> {
  const names = new Set<string>();
  const collect = (term: Term) =>
    visitTerm(term, (node) => {
      if (node.type === "var") names.add(node.name);
    });
  for (const term of extra) collect(term);
  for (const expr of body) {
    const statement = expr.statement;
    if (statement.kind === "term") collect(statement.term);
    else if (statement.kind === "somein") {
      if (statement.key) collect(statement.key);
      collect(statement.value);
      collect(statement.collection);
    } else if (statement.kind === "every") collect(statement.collection);
    for (const modifier of expr.with) collect(modifier.value);
  }
  return names;
}

/** Slots read inside a nested body that belong to enclosing scopes. */
function closureOf(body: Expr[], heads: Term[], inner: Scope): number[] {
  const slots = new Set<number>();
  const visit = (term: Term) => {
    if (term.type === "var" && term.slot !== undefined && !inner.owned.has(term.slot)) slots.add(term.slot);
  };
  for (const head of heads) visitTerm(head, visit, true);
  for (const expr of body) {
    const statement = expr.statement;
    if (statement.kind === "term") visitTerm(statement.term, visit, true);
    else if (statement.kind === "somein") {
      if (statement.key) visitTerm(statement.key, visit, true);
      visitTerm(statement.value, visit, true);
      visitTerm(statement.collection, visit, true);
    } else if (statement.kind === "every") {
      visitTerm(statement.collection, visit, true);
      for (const slot of statement.closure ?? []) if (!inner.owned.has(slot)) slots.add(slot);
    }
    for (const modifier of expr.with) visitTerm(modifier.value, visit, true);
  }
  return [...slots];
}
