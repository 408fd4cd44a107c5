// The typed syntax tree of Rego modules and queries, with source locations.

import type { Scalar } from "./values.js";

export interface Location {
  file: string;
  line: number;
  col: number;
}

interface Node {
  loc: Location;
}

export interface ScalarTerm extends Node {
  type: "scalar";
  value: Scalar;
}
export interface VarTerm extends Node {
  type: "var";
  name: string;
  /** Frame slot of a local variable, assigned by the compiler. */
  slot?: number;
}
export interface RefTerm extends Node {
  type: "ref";
  head: Term;
  path: Term[];
}
export interface ArrayTerm extends Node {
  type: "array";
  items: Term[];
}
export interface SetTerm extends Node {
  type: "set";
  items: Term[];
}
export interface ObjectTerm extends Node {
  type: "object";
  pairs: [Term, Term][];
}
/** Compiler annotation of comprehensions and `every`: slots of outer variables the body reads. */
export interface Closure {
  closure?: number[];
}
export interface ArrayComprehension extends Node, Closure {
  type: "arraycompr";
  term: Term;
  body: Expr[];
}
export interface SetComprehension extends Node, Closure {
  type: "setcompr";
  term: Term;
  body: Expr[];
}
export interface ObjectComprehension extends Node, Closure {
  type: "objectcompr";
  key: Term;
  value: Term;
  body: Expr[];
}
/** A function call; `operator` is the dotted name as written, later resolved to a builtin name or a data path. */
export interface CallTerm extends Node {
  type: "call";
  operator: string;
  args: Term[];
  /** Set by the compiler when the last argument receives the result (`count(x, n)`). */
  output?: boolean;
  /** Set by the compiler when arguments must be evaluated in another order so references bind variables first. */
  order?: number[];
}
export interface TemplateTerm extends Node {
  type: "template";
  parts: (string | Term)[];
}

export type Term =
  | ScalarTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | SetTerm
  | ObjectTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm
  | TemplateTerm;

export interface TermStatement {
  kind: "term";
  term: Term;
}
export interface SomeDeclaration {
  kind: "some";
  vars: VarTerm[];
}
export interface SomeIn {
  kind: "somein";
  key: Term | undefined;
  value: Term;
  collection: Term;
}
export interface Every extends Closure {
  kind: "every";
  key: VarTerm | undefined;
  value: VarTerm;
  collection: Term;
  body: Expr[];
}
export type Statement = TermStatement | SomeDeclaration | SomeIn | Every;

export interface With {
  target: Term;
  value: Term;
  loc: Location;
}

export interface Expr extends Node {
  statement: Statement;
  negated: boolean;
  with: With[];
  text: string;
}

export type RuleKind = "complete" | "multivalue" | "function";

export interface RuleHead {
  /** The rule's reference: first a var (the name), then path terms (`a.b[x]`). */
  ref: Term[];
  args: Term[] | undefined;
  /** The element of a multi-value rule (`p contains x`, v0 `p[x]`). */
  key: Term | undefined;
  value: Term | undefined;
  assign: boolean;
}

export interface Rule extends Node {
  default: boolean;
  head: RuleHead;
  body: Expr[];
  else: Rule | undefined;
  kind: RuleKind;
  annotations: Annotations | undefined;
  module: Module | undefined;
}

export interface Import extends Node {
  path: Term;
  alias: string | undefined;
}

export interface Annotations {
  scope: string;
  title?: string;
  description?: string;
  custom?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface Module {
  file: string;
  packagePath: string[];
  packageLoc: Location;
  imports: Import[];
  rules: Rule[];
  annotations: Annotations[];
  regoVersion: "v0" | "v1";
}

/** Visits a term and its sub-terms (not descending into comprehension bodies unless asked). */
export function visitTerm(term: Term, visit: (term: Term) => void, intoBodies = false): void {
  visit(term);
  switch (term.type) {
    case "ref":
      visitTerm(term.head, visit, intoBodies);
      for (const part of term.path) visitTerm(part, visit, intoBodies);
      break;
    case "array":
    case "set":
      for (const item of term.items) visitTerm(item, visit, intoBodies);
      break;
    case "object":
      for (const [key, value] of term.pairs) {
        visitTerm(key, visit, intoBodies);
        visitTerm(value, visit, intoBodies);
      }
      break;
    case "call":
      for (const arg of term.args) visitTerm(arg, visit, intoBodies);
      break;
    case "template":
      for (const part of term.parts) if (typeof part !== "string") visitTerm(part, visit, intoBodies);
      break;
    case "arraycompr":
    case "setcompr":
      if (intoBodies) {
        visitTerm(term.term, visit, true);
        visitBody(term.body, visit);
      }
      break;
    case "objectcompr":
      if (intoBodies) {
        visitTerm(term.key, visit, true);
        visitTerm(term.value, visit, true);
        visitBody(term.body, visit);
      }
      break;
  }
}

export function visitBody(body: Expr[], visit: (term: Term) => void): void {
  for (const expr of body) visitExpr(expr, visit);
}

export function visitExpr(expr: Expr, visit: (term: Term) => void): void {
  const statement = expr.statement;
  switch (statement.kind) {
    case "term":
      visitTerm(statement.term, visit, true);
      break;
    case "some":
      for (const variable of statement.vars) visit(variable);
      break;
    case "somein":
      if (statement.key) visitTerm(statement.key, visit, true);
      visitTerm(statement.value, visit, true);
      visitTerm(statement.collection, visit, true);
      break;
    case "every":
      if (statement.key) visit(statement.key);
      visit(statement.value);
      visitTerm(statement.collection, visit, true);
      visitBody(statement.body, visit);
      break;
  }
  for (const modifier of expr.with) {
    visitTerm(modifier.target, visit, true);
    visitTerm(modifier.value, visit, true);
  }
}

/** The dotted text of a ref made of a var head and string keys (`data.a.b`), or undefined. */
export function refText(term: Term): string | undefined {
  if (term.type === "var") return term.name;
  if (term.type !== "ref" || term.head.type !== "var") return undefined;
  let text = term.head.name;
  for (const part of term.path) {
    if (part.type !== "scalar" || typeof part.value !== "string") return undefined;
    text += "." + part.value;
  }
  return text;
}
