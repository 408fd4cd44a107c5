// Top-down evaluation with backtracking: bodies, unification, references into base and virtual documents, rules, functions, `with`.

import type { CallTerm, Expr, Location, Statement, Term, VarTerm } from "../ast.js";
import { refText } from "../ast.js";
import { lookupBuiltin } from "../builtins/index.js";
import { lookup } from "../builtins/collections.js";
import { BuiltinFailure, checkOperands, implementationArgs, OperandError, type BuiltinContext } from "../builtins/registry.js";
import { asLimitError, resultSteps } from "../builtins/budget.js";
import type { CompiledPolicy, CompiledQuery } from "../compiler/compile.js";
import type { WithTarget } from "../compiler/resolve.js";
import type { CompiledRule, RuleNode } from "../compiler/rules.js";
import { BuiltinError, ConflictError, EvalTypeError, LimitError } from "../errors.js";
import { equal, formatValue, ObjectValue, SetValue, type Value } from "../values.js";
import { forEachElement, insertAtPath, mergeDocuments, upsert } from "./documents.js";
import { Budget, maxCallDepth, type Limits } from "./limits.js";

type Frame = (Value | undefined)[];
type Next = () => boolean;
type Emit = (value: Value) => boolean;

interface Mock {
  value?: Value;
  function?: string;
}

interface Override {
  path: string[];
  value: Value;
}

interface State {
  input: Value | undefined;
  data: Value;
  overrides: Override[];
  mocks: Map<string, Mock>;
  cache: Map<RuleNode, Value | undefined>;
}

export interface EvaluatorOptions {
  input: Value | undefined;
  data: Value;
  limits: Limits;
  print: ((message: string) => void) | undefined;
  strictBuiltinErrors: boolean;
  /** The environment variables `opa.runtime()` shows (only those the person running the gate allowed). */
  runtimeEnv: Readonly<Record<string, string>>;
  /**
   * Values of the policy's shared nodes (compiler/shared-values.ts) for this data, kept by the caller across
   * evaluations with the same data and options; used only where no `with` replaces data or a function.
   */
  shared?: Map<RuleNode, Value | undefined>;
}

export interface QueryRow {
  frame: Frame;
  values: Value[];
}

export class Evaluator {
  private state: State;
  private readonly budget: Budget;
  /** The clock reading shared by every builtin of this evaluation (time.now_ns). */
  private startedAt: bigint | undefined;
  private readonly memo = new Map<string, Value>();
  private depth = 0;

  constructor(
    private readonly policy: CompiledPolicy,
    private readonly options: EvaluatorOptions,
  ) {
    this.state = { input: options.input, data: options.data, overrides: [], mocks: new Map(), cache: new Map() };
    this.budget = new Budget(options.limits);
  }

  /** Runs a compiled query, calling `row` for each solution with the frame and the value of each expression. */
  run(query: CompiledQuery, row: (result: QueryRow) => void): void {
    const frame: Frame = new Array(query.frameSize);
    const values: Value[] = new Array(query.positions.size).fill(true);
    this.queryBody(query, 0, frame, values, () => {
      row({ frame: [...frame], values: [...values] });
      return false;
    });
  }

  /** The value of a data path (`["main", "deny"]`), or undefined. */
  valueAt(path: string[]): Value | undefined {
    let result: Value | undefined;
    const terms = pathTerms(path);
    this.walkData(this.policy.root, this.state.data, terms, 0, [], (value) => {
      result = value;
      return true;
    });
    return result;
  }

  private queryBody(query: CompiledQuery, index: number, frame: Frame, values: Value[], next: Next): boolean {
    if (index === query.body.length) return next();
    const expr = query.body[index] as Expr;
    const position = query.positions.get(expr) as number;
    const statement = expr.statement;
    const rest = () => this.queryBody(query, index + 1, frame, values, next);
    if (statement.kind === "term" && !expr.negated && expr.with.length === 0 && !isUnification(statement.term) && !(statement.term.type === "call" && statement.term.output)) {
      this.budget.step();
      return this.evalTerm(statement.term, frame, (value) => {
        if (value === false) return false;
        values[position] = value;
        return rest();
      });
    }
    values[position] = true;
    return this.evalExpr(expr, frame, rest);
  }

  // ---- bodies and expressions

  private evalBody(body: Expr[], index: number, frame: Frame, next: Next): boolean {
    if (index === body.length) return next();
    return this.evalExpr(body[index] as Expr, frame, () => this.evalBody(body, index + 1, frame, next));
  }

  private evalExpr(expr: Expr, frame: Frame, next: Next): boolean {
    this.budget.step();
    if (expr.with.length > 0) return this.withValues(expr, 0, frame, [], next);
    return this.evalStatement(expr, frame, next);
  }

  private evalStatement(expr: Expr, frame: Frame, next: Next): boolean {
    if (!expr.negated) return this.evalPositive(expr.statement, frame, next);
    let found = false;
    this.evalPositive(expr.statement, frame, () => {
      found = true;
      return true;
    });
    return found ? false : next();
  }

  private evalPositive(statement: Statement, frame: Frame, next: Next): boolean {
    switch (statement.kind) {
      case "some":
        return next();
      case "somein":
        return this.evalTerm(statement.collection, frame, (collection) =>
          forEachElement(collection, (key, value) => {
            this.budget.step();
            return this.unifyValue(statement.value, value, frame, () => (statement.key ? this.unifyValue(statement.key, key, frame, next) : next()));
          }),
        );
      case "every":
        return this.evalTerm(statement.collection, frame, (collection) => {
          if (!isCollection(collection)) return false;
          const valueSlot = statement.value.slot as number;
          const keySlot = statement.key?.slot;
          const failed = forEachElement(collection, (key, value) => {
            this.budget.step();
            frame[valueSlot] = value;
            if (keySlot !== undefined) frame[keySlot] = key;
            let satisfied = false;
            this.evalBody(statement.body, 0, frame, () => {
              satisfied = true;
              return true;
            });
            frame[valueSlot] = undefined;
            if (keySlot !== undefined) frame[keySlot] = undefined;
            return !satisfied;
          });
          return failed ? false : next();
        });
      case "term": {
        const term = statement.term;
        if (term.type === "call") {
          if (term.operator === "eq" || term.operator === "assign") return this.unifyTerms(term.args[0] as Term, term.args[1] as Term, frame, next);
          if (term.output) {
            const result = term.args[term.args.length - 1] as Term;
            return this.evalCall(term, term.args.length - 1, frame, (value) => this.unifyValue(result, value, frame, next));
          }
          return this.evalCall(term, term.args.length, frame, (value) => (value === false ? false : next()));
        }
        return this.evalTerm(term, frame, (value) => (value === false ? false : next()));
      }
    }
  }

  // ---- with

  private withValues(expr: Expr, index: number, frame: Frame, values: (Value | undefined)[], next: Next): boolean {
    if (index === expr.with.length) return this.applyWith(expr, values, frame, next);
    const modifier = expr.with[index] as WithTarget;
    if (modifier.functionValue !== undefined) {
      values[index] = undefined;
      return this.withValues(expr, index + 1, frame, values, next);
    }
    return this.evalTerm(modifier.value, frame, (value) => {
      values[index] = value;
      return this.withValues(expr, index + 1, frame, values, next);
    });
  }

  private applyWith(expr: Expr, values: (Value | undefined)[], frame: Frame, next: Next): boolean {
    const saved = this.state;
    const state: State = { ...saved, cache: new Map() };
    expr.with.forEach((modifier, index) => applyModifier(state, modifier as WithTarget, values[index]));
    this.state = state;
    try {
      return this.evalStatement(expr, frame, () => {
        this.state = saved;
        const halted = next();
        this.state = state;
        return halted;
      });
    } finally {
      this.state = saved;
    }
  }

  // ---- terms

  private evalTerm(term: Term, frame: Frame, emit: Emit): boolean {
    switch (term.type) {
      case "scalar":
        return emit(term.value);
      case "var":
        return this.evalVar(term, frame, emit);
      case "ref":
        return this.evalRef(term.head, term.path, frame, emit);
      case "array":
        return this.evalList(term.items, frame, (items) => emit(items));
      case "set":
        return this.evalList(term.items, frame, (items) => emit(new SetValue(items)));
      case "object":
        return this.evalList(
          term.pairs.flatMap((pair) => pair),
          frame,
          (items) => emit(objectFromList(items)),
        );
      case "call":
        return this.evalCall(term, term.args.length, frame, emit);
      case "arraycompr": {
        const items: Value[] = [];
        this.evalBody(term.body, 0, frame, () => this.evalTerm(term.term, frame, (value) => (items.push(value), false)));
        return emit(items);
      }
      case "setcompr": {
        const items = new SetValue();
        this.evalBody(term.body, 0, frame, () => this.evalTerm(term.term, frame, (value) => (items.add(value), false)));
        return emit(items);
      }
      case "objectcompr": {
        const result = new ObjectValue();
        this.evalBody(term.body, 0, frame, () =>
          this.evalTerm(term.key, frame, (key) =>
            this.evalTerm(term.value, frame, (value) => {
              const existing = result.get(key);
              if (existing !== undefined && !equal(existing, value)) throw new ConflictError("object keys must be unique", term.loc);
              result.set(key, value);
              return false;
            }),
          ),
        );
        return emit(result);
      }
      case "template":
        return emit(this.evalTemplate(term.parts, frame));
    }
  }

  private evalVar(term: VarTerm, frame: Frame, emit: Emit): boolean {
    if (term.slot !== undefined) {
      const value = frame[term.slot];
      if (value === undefined) throw new Error(`internal error: variable ${term.name} is unbound at ${term.loc.line}:${term.loc.col}`);
      return emit(value);
    }
    if (term.name === "input") return this.state.input === undefined ? false : emit(this.state.input);
    return this.walkData(this.policy.root, this.state.data, [], 0, frame, emit);
  }

  private evalList(terms: Term[], frame: Frame, emit: (values: Value[]) => boolean): boolean {
    const values: Value[] = new Array(terms.length);
    const step = (index: number): boolean => {
      if (index === terms.length) return emit(values.slice());
      return this.evalTerm(terms[index] as Term, frame, (value) => {
        values[index] = value;
        return step(index + 1);
      });
    };
    return step(0);
  }

  private evalTemplate(parts: (string | Term)[], frame: Frame): string {
    let text = "";
    for (const part of parts) {
      if (typeof part === "string") {
        text += part;
        continue;
      }
      let found: Value | undefined;
      this.evalTerm(part, frame, (value) => {
        found = value;
        return true;
      });
      text += found === undefined ? "<undefined>" : typeof found === "string" ? found : formatValue(found);
    }
    return text;
  }

  // ---- references

  private evalRef(head: Term, path: Term[], frame: Frame, emit: Emit): boolean {
    if (head.type === "var" && head.slot === undefined) {
      if (head.name === "input") return this.state.input === undefined ? false : this.deref(this.state.input, path, 0, frame, emit);
      return this.walkData(this.policy.root, this.state.data, path, 0, frame, emit);
    }
    return this.evalTerm(head, frame, (value) => this.deref(value, path, 0, frame, emit));
  }

  /** Follows a reference path into a value, iterating over unbound variables. */
  private deref(value: Value, path: Term[], index: number, frame: Frame, emit: Emit): boolean {
    let current = value;
    for (let i = index; i < path.length; i++) {
      const part = path[i] as Term;
      let key: Value | undefined;
      if (part.type === "scalar") key = part.value;
      else if (part.type === "var" && part.slot !== undefined) {
        key = frame[part.slot];
        if (key === undefined) return this.iterate(current, part.slot, path, i, frame, emit);
      } else return this.derefComputed(current, part, path, i, frame, emit);
      const next = lookup(current, key);
      if (next === undefined) return false;
      current = next;
    }
    return emit(current);
  }

  private iterate(collection: Value, slot: number, path: Term[], index: number, frame: Frame, emit: Emit): boolean {
    return forEachElement(collection, (key, value) => {
      this.budget.step();
      frame[slot] = key;
      const halted = this.deref(value, path, index + 1, frame, emit);
      frame[slot] = undefined;
      return halted;
    });
  }

  private derefComputed(collection: Value, part: Term, path: Term[], index: number, frame: Frame, emit: Emit): boolean {
    if (this.isGround(part, frame)) {
      return this.evalTerm(part, frame, (key) => {
        const next = lookup(collection, key);
        return next === undefined ? false : this.deref(next, path, index + 1, frame, emit);
      });
    }
    return forEachElement(collection, (key, value) => {
      this.budget.step();
      return this.unifyValue(part, key, frame, () => this.deref(value, path, index + 1, frame, emit));
    });
  }

  /** Walks the rule tree and the base document together along a `data` reference. */
  private walkData(node: RuleNode | undefined, base: Value | undefined, path: Term[], index: number, frame: Frame, emit: Emit): boolean {
    if (!node || (this.state.overrides.length > 0 && this.overridden(node.path))) {
      return base === undefined ? false : this.deref(base, path, index, frame, emit);
    }
    if (node.hasValueRules || index === path.length) {
      const value = this.nodeValue(node, base);
      return value === undefined ? false : this.deref(value, path, index, frame, emit);
    }
    const part = path[index] as Term;
    let key: Value | undefined;
    if (part.type === "scalar") key = part.value;
    else if (part.type === "var" && part.slot !== undefined) key = frame[part.slot];
    if (key !== undefined) return this.walkChild(node, base, key, path, index, frame, emit);
    if (part.type === "var" && part.slot !== undefined) {
      const slot = part.slot;
      return this.forEachKey(node, base, (childKey) => {
        frame[slot] = childKey;
        const halted = this.walkChild(node, base, childKey, path, index, frame, emit);
        frame[slot] = undefined;
        return halted;
      });
    }
    if (this.isGround(part, frame)) return this.evalTerm(part, frame, (value) => this.walkChild(node, base, value, path, index, frame, emit));
    return this.forEachKey(node, base, (childKey) => this.unifyValue(part, childKey, frame, () => this.walkChild(node, base, childKey, path, index, frame, emit)));
  }

  private walkChild(node: RuleNode, base: Value | undefined, key: Value, path: Term[], index: number, frame: Frame, emit: Emit): boolean {
    const child = typeof key === "string" ? node.children.get(key) : undefined;
    if (child?.isFunction) return false;
    const childBase = base === undefined ? undefined : lookup(base, key);
    return this.walkData(child, childBase, path, index + 1, frame, emit);
  }

  private forEachKey(node: RuleNode, base: Value | undefined, visit: (key: Value) => boolean): boolean {
    const keys = new Map<string, Value>();
    if (base instanceof ObjectValue) for (const key of base.keys()) keys.set(typeof key === "string" ? key : formatValue(key), key);
    for (const [key, child] of node.children) if (!child.isFunction) keys.set(key, key);
    for (const key of [...keys.values()].sort()) {
      this.budget.step();
      if (visit(key)) return true;
    }
    return false;
  }

  private overridden(path: string[]): boolean {
    return this.state.overrides.some((override) => override.path.length <= path.length && override.path.every((key, i) => key === path[i]));
  }

  /** The full document at a rule-tree node: its rules' value merged with its children and base data. */
  private nodeValue(node: RuleNode, base: Value | undefined): Value | undefined {
    const cache = this.state.cache;
    if (cache.has(node)) return cache.get(node);
    const shared = this.sharedValues(node);
    if (shared?.has(node) === true) {
      const value = shared.get(node);
      cache.set(node, value);
      return value;
    }
    const value = this.computeNodeValue(node, base);
    shared?.set(node, value);
    return value;
  }

  /** The cross-evaluation values when this node may use them: a shared node, and no `with` on data or functions. */
  private sharedValues(node: RuleNode): Map<RuleNode, Value | undefined> | undefined {
    const shared = this.options.shared;
    if (shared === undefined || this.state.overrides.length > 0 || this.state.mocks.size > 0 || !this.policy.shared.has(node)) return undefined;
    return this.state.data === this.options.data ? shared : undefined;
  }

  private computeNodeValue(node: RuleNode, base: Value | undefined): Value | undefined {
    const cache = this.state.cache;
    let value: Value | undefined;
    if (node.hasValueRules) value = this.ruleValue(node);
    else if (!node.isFunction) value = base === undefined ? new ObjectValue() : base;
    let copied = false;
    for (const [key, child] of node.children) {
      if (child.isFunction) continue;
      const childValue = this.nodeValue(child, base === undefined ? undefined : lookup(base, key));
      if (childValue === undefined) continue;
      if (value === undefined) value = new ObjectValue();
      if (!(value instanceof ObjectValue)) throw new ConflictError("object keys must be unique");
      if (!copied) {
        value = value.copy();
        copied = true;
      }
      const existing: Value | undefined = (value as ObjectValue).get(key);
      (value as ObjectValue).set(key, existing === undefined ? childValue : mergeDocuments(existing, childValue));
    }
    for (const override of this.state.overrides) {
      if (value !== undefined && override.path.length > node.path.length && node.path.every((key, i) => key === override.path[i])) {
        value = upsert(value, override.path.slice(node.path.length), override.value);
      }
    }
    cache.set(node, value);
    return value;
  }

  private enter(location: Location): void {
    if (++this.depth > maxCallDepth) throw new LimitError("evaluation exceeded the maximum nesting depth", location);
  }

  private ruleValue(node: RuleNode): Value | undefined {
    const first = node.rules[0] ?? (node.defaultRule as CompiledRule);
    this.enter(first.source.loc);
    try {
      if (node.rules.length === 0) return this.defaultValue(node.defaultRule);
      if (first.suffix.length > 0) return this.objectRuleValue(node.rules);
      if (first.kind === "multivalue") {
        const set = new SetValue();
        for (const rule of node.rules) this.solve(rule, (frame) => this.evalTerm(rule.key as Term, frame, (value) => (set.add(value), false)));
        return set;
      }
      let result: Value | undefined;
      for (const rule of node.rules) {
        this.evalChain(rule, (value) => {
          if (result !== undefined && !equal(result, value)) throw new ConflictError("complete rules must not produce multiple outputs", rule.source.loc);
          result = value;
          return false;
        });
      }
      return result !== undefined ? result : this.defaultValue(node.defaultRule);
    } finally {
      this.depth--;
    }
  }

  private objectRuleValue(rules: CompiledRule[]): Value {
    const result = new ObjectValue();
    for (const rule of rules) {
      const element = rule.kind === "multivalue";
      const leaf = (element ? rule.key : rule.value) as Term;
      this.solve(rule, (frame) =>
        this.evalList(rule.suffix, frame, (keys) =>
          this.evalTerm(leaf, frame, (value) => {
            insertAtPath(result, keys, value, element);
            return false;
          }),
        ),
      );
    }
    return result;
  }

  private defaultValue(rule: CompiledRule | undefined): Value | undefined {
    if (!rule) return undefined;
    let result: Value | undefined;
    this.evalTerm(rule.value, new Array(rule.frameSize), (value) => {
      result = value;
      return true;
    });
    return result;
  }

  private solve(rule: CompiledRule, solution: (frame: Frame) => boolean): boolean {
    const frame: Frame = new Array(rule.frameSize);
    return this.evalBody(rule.body, 0, frame, () => solution(frame));
  }

  /** Evaluates a rule and its `else` branches: the first branch whose body succeeds gives the values. */
  private evalChain(rule: CompiledRule, emit: Emit): void {
    for (let branch: CompiledRule | undefined = rule; branch; branch = branch.else) {
      const current = branch;
      let found = false;
      this.solve(current, (frame) =>
        this.evalTerm(current.value, frame, (value) => {
          found = true;
          return emit(value);
        }),
      );
      if (found) return;
    }
  }

  // ---- calls

  private evalCall(call: CallTerm, count: number, frame: Frame, emit: Emit): boolean {
    if (call.operator === "print") return this.evalPrint(call, frame, emit);
    const values: Value[] = new Array(count);
    const order = call.order;
    const step = (index: number): boolean => {
      if (index === count) return this.invoke(call.operator, values, call, emit);
      const position = order ? (order[index] as number) : index;
      return this.evalTerm(call.args[position] as Term, frame, (value) => {
        values[position] = value;
        return step(index + 1);
      });
    };
    return step(0);
  }

  private evalPrint(call: CallTerm, frame: Frame, emit: Emit): boolean {
    const parts = call.args.map((arg) => {
      const values: Value[] = [];
      this.evalTerm(arg, frame, (value) => (values.push(value), false));
      if (values.length === 0) return "<undefined>";
      return values.map((value) => (typeof value === "string" ? value : formatValue(value))).join(" ");
    });
    this.options.print?.(parts.join(" "));
    return emit(true);
  }

  private invoke(name: string, args: Value[], call: CallTerm, emit: Emit): boolean {
    const mock = this.state.mocks.size > 0 ? this.state.mocks.get(name) : undefined;
    if (mock) {
      if (mock.function === undefined) return emit(mock.value as Value);
      const saved = this.state;
      const mocks = new Map(saved.mocks);
      mocks.delete(name);
      this.state = { ...saved, mocks, cache: new Map() };
      try {
        return this.invokeTarget(mock.function, args, call, (value) => {
          this.state = saved;
          const halted = emit(value);
          this.state = { ...saved, mocks, cache: new Map() };
          return halted;
        });
      } finally {
        this.state = saved;
      }
    }
    return this.invokeTarget(name, args, call, emit);
  }

  private invokeTarget(name: string, args: Value[], call: CallTerm, emit: Emit): boolean {
    const functions = this.policy.functions.get(name);
    if (functions) return this.callFunction(functions, args, call, emit);
    const builtin = lookupBuiltin(name);
    if (!builtin) throw new EvalTypeError(`undefined function ${name}`, call.loc);
    let result: Value | undefined;
    try {
      checkOperands(builtin, args);
      result = builtin.implementation(implementationArgs(builtin, args), this.builtinContext(call));
      this.budget.step(resultSteps(name, result));
    } catch (error) {
      const limit = asLimitError(name, error, call.loc);
      if (limit !== null) throw limit;
      if (error instanceof OperandError) {
        if (this.options.strictBuiltinErrors) throw new EvalTypeError(`${name}: ${error.message}`, call.loc);
        return false;
      }
      if (error instanceof BuiltinFailure) {
        if (this.options.strictBuiltinErrors) throw new BuiltinError(`${name}: ${error.message}`, call.loc);
        return false;
      }
      throw error;
    }
    if (result === undefined) return false;
    if (builtin.relation) return (result as Value[]).some((output) => emit(output));
    return emit(result);
  }

  private builtinContext(call: CallTerm): BuiltinContext {
    return {
      location: call.loc,
      charge: (steps) => this.budget.step(steps),
      checkTime: () => this.budget.checkTime(),
      runtimeEnv: this.options.runtimeEnv,
      print: (message) => this.options.print?.(message),
      now: () => (this.startedAt ??= BigInt(Date.now()) * 1_000_000n),
      memo: this.memo,
    };
  }

  private callFunction(node: RuleNode, args: Value[], call: CallTerm, emit: Emit): boolean {
    this.enter(call.loc);
    let result: Value | undefined;
    try {
      for (const rule of node.functions) {
        for (let branch: CompiledRule | undefined = rule; branch; branch = branch.else) {
          const current = branch;
          let found = false;
          const frame: Frame = new Array(current.frameSize);
          this.unifyArguments(current.args ?? [], args, 0, frame, () =>
            this.evalBody(current.body, 0, frame, () =>
              this.evalTerm(current.value, frame, (value) => {
                found = true;
                if (result !== undefined && !equal(result, value)) throw new ConflictError("functions must not produce multiple outputs for same inputs", call.loc);
                result = value;
                return false;
              }),
            ),
          );
          if (found) break;
        }
      }
      if (result === undefined) result = this.defaultValue(node.defaultFunction);
    } finally {
      this.depth--;
    }
    return result === undefined ? false : emit(result);
  }

  private unifyArguments(patterns: Term[], values: Value[], index: number, frame: Frame, next: Next): boolean {
    if (index === patterns.length) return next();
    return this.unifyValue(patterns[index] as Term, values[index] as Value, frame, () => this.unifyArguments(patterns, values, index + 1, frame, next));
  }

  // ---- unification

  /** True when a term can be evaluated: no unbound variables outside reference paths. */
  private isGround(term: Term, frame: Frame): boolean {
    switch (term.type) {
      case "var":
        return term.slot === undefined || frame[term.slot] !== undefined;
      case "ref":
        return this.isGround(term.head, frame);
      case "array":
      case "set":
        return term.items.every((item) => this.isGround(item, frame));
      case "object":
        return term.pairs.every(([key, value]) => this.isGround(key, frame) && this.isGround(value, frame));
      case "call":
        return term.args.every((arg) => this.isGround(arg, frame));
      default:
        return true;
    }
  }

  private unifyTerms(left: Term, right: Term, frame: Frame, next: Next): boolean {
    if (this.isGround(right, frame)) return this.evalTerm(right, frame, (value) => this.unifyValue(left, value, frame, next));
    if (this.isGround(left, frame)) return this.evalTerm(left, frame, (value) => this.unifyValue(right, value, frame, next));
    if (left.type === "array" && right.type === "array" && left.items.length === right.items.length) {
      const step = (index: number): boolean => {
        if (index === left.items.length) return next();
        return this.unifyTerms(left.items[index] as Term, right.items[index] as Term, frame, () => step(index + 1));
      };
      return step(0);
    }
    if (left.type === "object" && right.type === "object" && left.pairs.length === right.pairs.length) return this.unifyObjects(left.pairs, right.pairs, frame, next);
    return false;
  }

  /** Unifies two object patterns key by key; keys must be ground and match. */
  private unifyObjects(left: [Term, Term][], right: [Term, Term][], frame: Frame, next: Next): boolean {
    const keyOf = (term: Term) => (term.type === "scalar" ? term.value : undefined);
    const pairs: [Term, Term][] = [];
    for (const [key, value] of left) {
      const match = right.find(([other]) => keyOf(other) !== undefined && keyOf(other) === keyOf(key));
      if (!match) return false;
      pairs.push([value, match[1]]);
    }
    const step = (index: number): boolean => {
      if (index === pairs.length) return next();
      const [a, b] = pairs[index] as [Term, Term];
      return this.unifyTerms(a, b, frame, () => step(index + 1));
    };
    return step(0);
  }

  /** Unifies a term (a pattern that may hold unbound variables) with a value. */
  private unifyValue(term: Term, value: Value, frame: Frame, next: Next): boolean {
    switch (term.type) {
      case "scalar":
        return equal(term.value, value) ? next() : false;
      case "var": {
        if (term.slot === undefined) return this.evalTerm(term, frame, (actual) => (equal(actual, value) ? next() : false));
        const bound = frame[term.slot];
        if (bound !== undefined) return equal(bound, value) ? next() : false;
        frame[term.slot] = value;
        const halted = next();
        frame[term.slot] = undefined;
        return halted;
      }
      case "array": {
        if (!Array.isArray(value) || value.length !== term.items.length) return false;
        const step = (index: number): boolean => {
          if (index === term.items.length) return next();
          return this.unifyValue(term.items[index] as Term, value[index] as Value, frame, () => step(index + 1));
        };
        return step(0);
      }
      case "object": {
        if (!(value instanceof ObjectValue) || value.size !== term.pairs.length) return false;
        const step = (index: number): boolean => {
          if (index === term.pairs.length) return next();
          const [keyTerm, valueTerm] = term.pairs[index] as [Term, Term];
          return this.evalTerm(keyTerm, frame, (key) => {
            const item = value.get(key);
            return item === undefined ? false : this.unifyValue(valueTerm, item, frame, () => step(index + 1));
          });
        };
        return step(0);
      }
      default:
        return this.evalTerm(term, frame, (actual) => (equal(actual, value) ? next() : false));
    }
  }
}

const pathTermCache = new WeakMap<readonly string[], Term[]>();

/** A data path as the scalar terms walkData follows, made once per path array. */
function pathTerms(path: readonly string[]): Term[] {
  let terms = pathTermCache.get(path);
  if (terms === undefined) {
    terms = path.map((value) => ({ type: "scalar", value, loc: { file: "", line: 0, col: 0 } }));
    pathTermCache.set(path, terms);
  }
  return terms;
}

function isUnification(term: Term): boolean {
  return term.type === "call" && (term.operator === "eq" || term.operator === "assign");
}

function isCollection(value: Value): boolean {
  return Array.isArray(value) || value instanceof SetValue || value instanceof ObjectValue;
}

/** An object literal's value: a repeated key takes its last value, as OPA's object insertion does. */
function objectFromList(items: Value[]): ObjectValue {
  const result = new ObjectValue();
  for (let i = 0; i < items.length; i += 2) result.set(items[i] as Value, items[i + 1] as Value);
  return result;
}

function applyModifier(state: State, modifier: WithTarget, value: Value | undefined): void {
  if (modifier.functionTarget !== undefined) {
    state.mocks = new Map(state.mocks);
    state.mocks.set(modifier.functionTarget, modifier.functionValue !== undefined ? { function: modifier.functionValue } : { value: value as Value });
    return;
  }
  const [root, ...path] = (refText(modifier.target) as string).split(".");
  if (root === "input") state.input = upsert(state.input, path, value as Value);
  else {
    state.data = upsert(state.data, path, value as Value);
    state.overrides = [...state.overrides, { path, value: value as Value }];
  }
}


