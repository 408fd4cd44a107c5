// Recursive-descent parser from Rego tokens to the syntax tree, for Rego v1 (default) and v0.

import type { Annotations, CallTerm, Every, Expr, Import, Location, Module, Rule, RuleHead, SomeIn, Statement, Term, VarTerm, With } from "./ast.js";
import { ParseError } from "./errors.js";
import { Lexer, maxNesting, type Token } from "./lexer.js";
import { attachAnnotations } from "./metadata.js";
import { numberFromText } from "./number-text.js";

export type RegoVersion = "v0" | "v1";

export interface ParseOptions {
  regoVersion?: RegoVersion;
}

const keywords = new Set(["package", "import", "as", "default", "else", "not", "with", "some", "in", "every", "if", "contains", "true", "false", "null"]);
const relationOperators: Record<string, string> = { "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" };
const arithmeticOperators: Record<string, string> = { "+": "plus", "-": "minus" };
const factorOperators: Record<string, string> = { "*": "mul", "/": "div", "%": "rem" };

export function parseModule(source: string, file: string, options: ParseOptions = {}): Module {
  const lexer = new Lexer(source, file);
  const parser = new Parser(source, file, lexer.tokenize(), options.regoVersion ?? "v1");
  const module = parser.module();
  attachAnnotations(module, lexer.comments);
  return module;
}

export function parseQuery(source: string, file = "query"): Expr[] {
  const parser = new Parser(source, file, new Lexer(source, file).tokenize(), "v1");
  return parser.query();
}

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly tokens: Token[],
    private readonly version: RegoVersion,
  ) {}

  private depth = 0;

  /** Runs one level of nesting (a term, a body), failing past maxNesting instead of overflowing the stack. */
  private nested<T>(parse: () => T): T {
    if (this.depth >= maxNesting) this.fail(`nested more than ${maxNesting} levels deep`);
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  // ---- token helpers

  private get token(): Token {
    return this.tokens[this.index] as Token;
  }
  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }
  private is(text: string, token = this.token): boolean {
    return (token.kind === "punct" || token.kind === "ident") && token.text === text;
  }
  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.index++;
    return true;
  }
  private advance(): Token {
    const token = this.token;
    if (token.kind !== "eof") this.index++;
    return token;
  }
  private expect(text: string): Token {
    if (!this.is(text)) this.unexpected();
    return this.advance();
  }
  private unexpected(token = this.token, expected?: string): never {
    const found = token.kind === "eof" ? "eof token" : `${token.text} token`;
    throw new ParseError(`unexpected ${found}${expected ? `: expected ${expected}` : ""}`, token.loc);
  }
  private fail(message: string, loc: Location = this.token.loc): never {
    throw new ParseError(message, loc);
  }
  /** True when a keyword is used as a name: immediately followed by `.` (`if.foo`, `contains.bar`). */
  private keywordAsName(): boolean {
    const next = this.peek();
    return this.token.kind === "ident" && next.text === "." && next.kind === "punct" && !next.spaceBefore;
  }
  /** True when the current token touches the previous one (no whitespace), as refs and calls require. */
  private adjacent(): boolean {
    return !this.token.spaceBefore && this.token.kind !== "eof";
  }
  private previousEnd(): number {
    return (this.tokens[this.index - 1] as Token).end;
  }

  // ---- modules

  module(): Module {
    while (this.is(";")) this.advance();
    const packageToken = this.token;
    if (!this.is("package")) this.fail("unexpected " + (this.token.kind === "eof" ? "eof token" : `${this.token.text} token`) + ": expected package");
    this.advance();
    const packagePath = this.packagePath();
    const module: Module = { file: this.file, packagePath, packageLoc: packageToken.loc, imports: [], rules: [], annotations: [], regoVersion: this.version };
    while (this.is("import") && !this.keywordAsName()) module.imports.push(this.importDeclaration());
    while (this.token.kind !== "eof") {
      if (this.accept(";")) continue;
      if (this.is("import") && !this.keywordAsName()) this.fail("unexpected import token: imports must appear before rules");
      if (this.is("package") && !this.keywordAsName()) this.fail("unexpected package token: a file holds one package");
      for (const rule of this.rule()) {
        rule.module = module;
        module.rules.push(rule);
      }
    }
    return module;
  }

  private packagePath(): string[] {
    const term = this.term();
    const path: string[] = [];
    if (term.type === "var") path.push(term.name);
    else if (term.type === "ref" && term.head.type === "var") {
      path.push(term.head.name);
      for (const part of term.path) {
        if (part.type !== "scalar" || typeof part.value !== "string") this.fail("package path must contain only strings", part.loc);
        path.push(part.value);
      }
    } else this.fail("package path must be a reference", term.loc);
    if (path[0] === "data") path.shift();
    return path;
  }

  private importDeclaration(): Import {
    const loc = this.advance().loc;
    const path = this.term();
    const root = path.type === "var" ? path.name : path.type === "ref" && path.head.type === "var" ? path.head.name : "";
    if (!["data", "input", "future", "rego"].includes(root)) this.fail("invalid import: path must begin with input or data", path.loc);
    let alias: string | undefined;
    if (this.accept("as")) alias = this.identifier().name;
    return { path, alias, loc };
  }

  private identifier(): VarTerm {
    const token = this.token;
    if (token.kind !== "ident" || (keywords.has(token.text) && !this.keywordAsName())) this.unexpected();
    this.advance();
    return { type: "var", name: token.text, loc: token.loc };
  }

  // ---- rules

  private rule(): Rule[] {
    const start = this.token;
    const isDefault = !this.keywordAsName() && this.accept("default");
    const head = this.ruleHead();
    if (isDefault) return [this.defaultRule(head, start.loc)];
    const rule: Rule = { default: false, head, body: [], else: undefined, kind: "complete", annotations: undefined, module: undefined, loc: start.loc };
    rule.body = this.ruleBody(head, start.loc);
    rule.kind = head.args ? "function" : head.key ? "multivalue" : "complete";
    let previous = rule;
    while (this.is("else") && !this.keywordAsName()) {
      const elseRule = this.elseRule(rule);
      previous.else = elseRule;
      previous = elseRule;
    }
    const rules = [rule];
    while (this.is("{") && this.version === "v0") {
      rules.push({ ...rule, body: this.body(), else: undefined, loc: this.token.loc });
    }
    return rules;
  }

  private ruleHead(): RuleHead {
    const name = this.identifier();
    const ref: Term[] = [name];
    let lastBracketed = false;
    while (this.adjacent() && (this.is(".") || this.is("["))) {
      if (this.accept(".")) {
        const part = this.advance();
        if (part.kind !== "ident") this.unexpected(part, "ident");
        ref.push({ type: "scalar", value: part.text, loc: part.loc });
        lastBracketed = false;
      } else {
        this.advance();
        ref.push(this.termIn(false));
        this.expect("]");
        lastBracketed = true;
      }
    }
    const head: RuleHead = { ref, args: undefined, key: undefined, value: undefined, assign: false };
    if (this.is("(") && this.adjacent()) {
      this.advance();
      head.args = this.termList(")");
    }
    if (!this.keywordAsName() && this.accept("contains")) {
      head.key = this.termIn(false);
    } else if (this.is(":=") || this.is("=")) {
      head.assign = this.advance().text === ":=";
      head.value = this.termIn(false);
    }
    if (this.version === "v0" && lastBracketed && !head.key && !head.value && !head.args) {
      head.key = ref.pop();
    }
    return head;
  }

  private defaultRule(head: RuleHead, loc: Location): Rule {
    if (!head.value) this.fail("default rules must have a value", loc);
    return { default: true, head, body: [], else: undefined, kind: head.args ? "function" : "complete", annotations: undefined, module: undefined, loc };
  }

  private ruleBody(head: RuleHead, loc: Location): Expr[] {
    if (!this.keywordAsName() && this.accept("if")) {
      if (this.is("{")) return this.body();
      return [this.literal()];
    }
    if (this.is("{") && !this.token.newlineBefore) {
      if (this.version === "v1") this.fail("`if` keyword is required before rule body");
      return this.body();
    }
    if (this.version === "v1" && !head.value && !head.key && head.ref.length === 1 && !head.args) this.fail("rule must have a value, a body or both", loc);
    return [trueExpr(loc)];
  }

  private elseRule(parent: Rule): Rule {
    const loc = this.advance().loc;
    const head: RuleHead = { ...parent.head, value: undefined, assign: false };
    if (this.is(":=") || this.is("=")) {
      head.assign = this.advance().text === ":=";
      head.value = this.termIn(false);
    }
    let body: Expr[];
    if (!this.keywordAsName() && this.accept("if")) body = this.is("{") ? this.body() : [this.literal()];
    else if (this.is("{")) {
      if (this.version === "v1") this.fail("`if` keyword is required before rule body");
      body = this.body();
    } else body = [trueExpr(loc)];
    return { default: false, head, body, else: undefined, kind: parent.kind, annotations: undefined, module: undefined, loc };
  }

  // ---- bodies and literals

  private body(): Expr[] {
    return this.nested(() => this.bodyContents());
  }

  private bodyContents(): Expr[] {
    const open = this.expect("{");
    const exprs: Expr[] = [];
    for (;;) {
      while (this.accept(";"));
      if (this.accept("}")) break;
      if (exprs.length > 0 && !this.token.newlineBefore && !this.is(";", this.tokens[this.index - 1])) this.unexpected();
      exprs.push(this.literal());
    }
    if (exprs.length === 0) this.fail("found empty body", open.loc);
    return exprs;
  }

  query(): Expr[] {
    const exprs: Expr[] = [];
    while (this.token.kind !== "eof") {
      if (this.accept(";")) continue;
      if (exprs.length > 0 && !this.token.newlineBefore && !this.is(";", this.tokens[this.index - 1])) this.unexpected();
      exprs.push(this.literal());
    }
    if (exprs.length === 0) this.fail("empty query");
    return exprs;
  }

  private literal(): Expr {
    const start = this.token;
    let statement: Statement;
    let negated = false;
    const named = this.keywordAsName();
    if (this.is("some") && !named) statement = this.some();
    else if (this.is("every") && !named) statement = this.every();
    else {
      negated = !named && this.accept("not");
      statement = { kind: "term", term: this.expression() };
    }
    const modifiers: With[] = [];
    while (this.is("with") && !this.keywordAsName()) {
      const loc = this.advance().loc;
      const target = this.term();
      this.expect("as");
      modifiers.push({ target, value: this.termIn(false), loc });
    }
    return { statement, negated, with: modifiers, loc: start.loc, text: this.source.slice(start.start, this.previousEnd()) };
  }

  private some(): Statement {
    this.advance();
    const terms = [this.relation(false)];
    while (this.accept(",")) terms.push(this.relation(false));
    if (this.accept("in")) {
      if (terms.length > 2) this.fail("unexpected , token: expected at most two terms before in");
      const collection = this.relation(false);
      const statement: SomeIn = terms.length === 2 ? { kind: "somein", key: terms[0], value: terms[1] as Term, collection } : { kind: "somein", key: undefined, value: terms[0] as Term, collection };
      return statement;
    }
    const vars: VarTerm[] = [];
    for (const term of terms) {
      if (term.type !== "var") this.fail("expected var", term.loc);
      vars.push(term);
    }
    return { kind: "some", vars };
  }

  private every(): Every {
    this.advance();
    const first = this.identifier();
    let key: VarTerm | undefined;
    let value = first;
    if (this.accept(",")) {
      key = first;
      value = this.identifier();
    }
    this.expect("in");
    const collection = this.relation(false);
    return { kind: "every", key, value, collection, body: this.body() };
  }

  // ---- expressions, lowest precedence first

  private expression(): Term {
    const left = this.keyValueIn();
    if (this.is(":=") || this.is("=")) {
      const operator = this.advance();
      const right = this.termIn(false);
      return call(operator.text === ":=" ? "assign" : "eq", [left, right], operator.loc);
    }
    return left;
  }

  /** `key, value in collection` (member with key), tried where a comma cannot separate list items. */
  private keyValueIn(): Term {
    const first = this.termIn(false);
    if (!this.is(",")) return first;
    const after = this.index;
    const loc = this.advance().loc;
    try {
      const value = this.relation(false);
      if (this.is("in") && !this.keywordAsName()) {
        this.advance();
        let term: Term = call("internal.member_3", [first, value, this.relation(false)], loc);
        while (this.is("in") && !this.keywordAsName()) {
          const inLoc = this.advance().loc;
          term = call("internal.member_2", [term, this.relation(false)], inLoc);
        }
        return term;
      }
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
    }
    this.index = after;
    return first;
  }

  private termIn(stopAtBar: boolean): Term {
    let left = this.relation(stopAtBar);
    while (this.is("in") && !this.keywordAsName()) {
      const loc = this.advance().loc;
      left = call("internal.member_2", [left, this.relation(stopAtBar)], loc);
    }
    return left;
  }

  private relation(stopAtBar: boolean): Term {
    let left = this.or(stopAtBar);
    while (this.token.kind === "punct" && relationOperators[this.token.text]) {
      const operator = this.advance();
      left = call(relationOperators[operator.text] as string, [left, this.or(stopAtBar)], operator.loc);
    }
    return left;
  }

  private or(stopAtBar: boolean): Term {
    let left = this.and();
    while (!stopAtBar && this.is("|")) {
      const loc = this.advance().loc;
      left = call("or", [left, this.and()], loc);
    }
    return left;
  }

  private and(): Term {
    let left = this.arithmetic();
    while (this.is("&")) {
      const loc = this.advance().loc;
      left = call("and", [left, this.arithmetic()], loc);
    }
    return left;
  }

  private arithmetic(): Term {
    let left = this.factor();
    while (this.token.kind === "punct" && arithmeticOperators[this.token.text] && !this.token.newlineBefore) {
      const operator = this.advance();
      left = call(arithmeticOperators[operator.text] as string, [left, this.factor()], operator.loc);
    }
    return left;
  }

  private factor(): Term {
    let left = this.term();
    while (this.token.kind === "punct" && factorOperators[this.token.text]) {
      const operator = this.advance();
      left = call(factorOperators[operator.text] as string, [left, this.term()], operator.loc);
    }
    return left;
  }

  // ---- terms

  term(): Term {
    return this.nested(() => this.unnestedTerm());
  }

  private unnestedTerm(): Term {
    const token = this.token;
    let term: Term;
    if (this.is("-") && this.peek().kind === "number" && !this.peek().spaceBefore) {
      this.advance();
      term = this.number(this.advance(), true);
      term.loc = token.loc;
    } else if (this.is("-")) {
      this.advance();
      term = call("minus", [{ type: "scalar", value: 0, loc: token.loc }, this.term()], token.loc);
      return term;
    } else term = this.primary();
    return this.postfix(term);
  }

  private primary(): Term {
    const token = this.token;
    switch (token.kind) {
      case "number":
        return this.number(this.advance(), false);
      case "string":
        this.advance();
        return { type: "scalar", value: token.value, loc: token.loc };
      case "template":
        this.advance();
        return this.template(token);
      case "ident":
        return this.identifierTerm();
      case "punct":
        if (token.text === "[") return this.array();
        if (token.text === "{") return this.braces();
        if (token.text === "(") {
          this.advance();
          const inner = this.keyValueIn();
          this.expect(")");
          return inner;
        }
    }
    return this.unexpected();
  }

  private identifierTerm(): Term {
    const named = this.keywordAsName();
    const token = this.advance();
    if (named) return { type: "var", name: token.text, loc: token.loc };
    switch (token.text) {
      case "true":
        return { type: "scalar", value: true, loc: token.loc };
      case "false":
        return { type: "scalar", value: false, loc: token.loc };
      case "null":
        return { type: "scalar", value: null, loc: token.loc };
    }
    if (keywords.has(token.text) && !(this.is("(") && this.adjacent())) this.unexpected(token);
    if (token.text === "set" && this.is("(") && this.adjacent() && this.is(")", this.peek())) {
      this.index += 2;
      return { type: "set", items: [], loc: token.loc };
    }
    return { type: "var", name: token.text, loc: token.loc };
  }

  private number(token: Token, negative: boolean): Term {
    const value = numberFromText((negative ? "-" : "") + token.text);
    if (value === undefined) this.fail("number too big", token.loc);
    return { type: "scalar", value, loc: token.loc };
  }

  /** Reference and call suffixes that touch the term: `.name`, `[term]`, `(args)`. */
  private postfix(term: Term): Term {
    for (;;) {
      if (!this.adjacent()) return term;
      if (this.is(".")) {
        this.advance();
        const part = this.advance();
        if (part.kind !== "ident") this.unexpected(part, "ident");
        term = extendRef(term, { type: "scalar", value: part.text, loc: part.loc });
      } else if (this.is("[")) {
        this.advance();
        const part = this.termIn(false);
        this.expect("]");
        term = extendRef(term, part);
      } else if (this.is("(")) {
        const name = callName(term);
        if (name === undefined) return term;
        this.advance();
        term = { type: "call", operator: name, args: this.termList(")"), loc: term.loc };
      } else return term;
    }
  }

  private termList(close: string): Term[] {
    const items: Term[] = [];
    while (!this.accept(close)) {
      items.push(this.termIn(false));
      if (!this.is(close)) this.expect(",");
    }
    return items;
  }

  private array(): Term {
    const loc = this.advance().loc;
    if (this.accept("]")) return { type: "array", items: [], loc };
    const start = this.index;
    let first = this.termIn(true);
    if (this.is("|")) {
      const body = this.attempt(() => (this.advance(), this.comprehensionBody("]")));
      if (body) return { type: "arraycompr", term: first, body, loc };
      this.index = start;
      first = this.termIn(false);
    }
    const items = [first];
    if (!this.is("]")) this.expect(",");
    items.push(...this.termList("]"));
    return { type: "array", items, loc };
  }

  private braces(): Term {
    const loc = this.advance().loc;
    if (this.accept("}")) return { type: "object", pairs: [], loc };
    const start = this.index;
    let first = this.termIn(true);
    if (this.accept(":")) {
      const value = this.termIn(true);
      if (this.accept("|")) return { type: "objectcompr", key: first, value, body: this.comprehensionBody("}"), loc };
      const pairs: [Term, Term][] = [[first, value]];
      while (this.accept(",")) {
        if (this.is("}")) break;
        const key = this.termIn(false);
        this.expect(":");
        pairs.push([key, this.termIn(false)]);
      }
      this.expect("}");
      return { type: "object", pairs, loc };
    }
    if (this.is("|")) {
      const body = this.attempt(() => (this.advance(), this.comprehensionBody("}")));
      if (body) return { type: "setcompr", term: first, body, loc };
      this.index = start;
      first = this.termIn(false);
    }
    const items = [first];
    if (!this.is("}")) this.expect(",");
    items.push(...this.termList("}"));
    return { type: "set", items, loc };
  }

  /** Runs a parse that may not apply (`[a | b, 3]` is an array, not a comprehension): its result, or undefined after a parse error. */
  private attempt<T>(parse: () => T): T | undefined {
    const start = this.index;
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      this.index = start;
      return undefined;
    }
  }

  private comprehensionBody(close: string): Expr[] {
    const exprs: Expr[] = [];
    for (;;) {
      while (this.accept(";"));
      if (this.accept(close)) break;
      if (exprs.length > 0 && !this.token.newlineBefore && !this.is(";", this.tokens[this.index - 1])) this.unexpected();
      exprs.push(this.literal());
    }
    if (exprs.length === 0) this.fail("found empty body");
    return exprs;
  }

  private template(token: Token): Term {
    const parts: (string | Term)[] = [];
    for (const part of token.parts) {
      if (part.text !== undefined) {
        parts.push(part.text);
        continue;
      }
      const lexer = new Lexer(this.source, this.file, part.start, part.end);
      const inner = new Parser(this.source, this.file, lexer.tokenize(), this.version);
      inner.depth = this.depth; // a template inside a template is one more level
      const term = inner.termIn(false);
      if (inner.token.kind !== "eof") inner.unexpected();
      parts.push(term);
    }
    return { type: "template", parts, loc: token.loc };
  }
}

function call(operator: string, args: Term[], loc: Location): CallTerm {
  return { type: "call", operator, args, loc: args[0]?.loc ?? loc };
}

function trueExpr(loc: Location): Expr {
  return { statement: { kind: "term", term: { type: "scalar", value: true, loc } }, negated: false, with: [], loc, text: "true" };
}

function extendRef(term: Term, part: Term): Term {
  if (term.type === "ref") return { type: "ref", head: term.head, path: [...term.path, part], loc: term.loc };
  return { type: "ref", head: term, path: [part], loc: term.loc };
}

/** The dotted name of a call target (`f`, `array.concat`, `data.pkg.f`), or undefined when the term cannot be called. */
function callName(term: Term): string | undefined {
  if (term.type === "var") return term.name;
  if (term.type !== "ref" || term.head.type !== "var") return undefined;
  let name = term.head.name;
  for (const part of term.path) {
    if (part.type !== "scalar" || typeof part.value !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.value)) return undefined;
    name += "." + part.value;
  }
  return name;
}

export type { Annotations };

