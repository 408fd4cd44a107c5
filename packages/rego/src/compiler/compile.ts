// The compiler: merges modules by package, resolves and orders rule bodies, builds the rule tree and checks conflicts and recursion.

import type { Expr, Module, Rule, Term, VarTerm } from "../ast.js";
import { visitTerm } from "../ast.js";
import { lookupBuiltin } from "../builtins/index.js";
import { CompileError, CompileErrors, RegoError } from "../errors.js";
import { withMetadataCalls } from "./metadata-calls.js";
import { hoistNegatedArguments } from "./negation.js";
import { checkRecursion } from "./recursion.js";
import { sharedNodes } from "./shared-values.js";
import { Resolver, shallowNames, type ResolveEnvironment } from "./resolve.js";
import { groundPrefix, RuleNode, type CompiledRule } from "./rules.js";
import { checkHead, orderBody, orderTerm, outputs } from "./safety.js";
import { checkQueryTypes, checkRuleTypes, functionTypes, type FunctionTypes } from "./types.js";

export interface CompiledPolicy {
  root: RuleNode;
  modules: Module[];
  /** Function definitions by dotted path (`data.pkg.f`). */
  functions: Map<string, RuleNode>;
  /** The functions' argument types, for checking calls (queries' too). */
  functionTypes: FunctionTypes;
  /** Nodes whose document depends on `data` only: evaluations with the same data share their values (shared-values.ts). */
  shared: ReadonlySet<RuleNode>;
}

export interface CompiledQuery {
  body: Expr[];
  frameSize: number;
  /** User-visible query variables and their slots, in order of appearance. */
  variables: [string, number][];
  /** Position of each (reordered) expression in the query as written. */
  positions: Map<Expr, number>;
}

function builtinArity(name: string): number | undefined | "unknown" {
  const builtin = lookupBuiltin(name);
  if (!builtin) return "unknown";
  return builtin.variadic ? undefined : builtin.args.length;
}

export function compileModules(modules: Module[]): CompiledPolicy {
  const root = new RuleNode([]);
  const functions = new Map<string, RuleNode>();
  const arities = new Map<string, number>();
  const ruleNames = new Map<string, Set<string>>();
  for (const module of modules) {
    let node = root;
    for (const key of module.packagePath) node = node.child(key);
    const key = module.packagePath.join(".");
    const names = ruleNames.get(key) ?? new Set<string>();
    ruleNames.set(key, names);
    for (const rule of module.rules) {
      names.add((rule.head.ref[0] as VarTerm).name);
      if (rule.kind !== "function") continue;
      const { path } = groundPrefix(module.packagePath, rule.head.ref);
      arities.set(["data", ...path].join("."), rule.head.args?.length ?? 0);
    }
  }
  const errors: RegoError[] = [];
  const rules: CompiledRule[] = [];
  for (const module of modules) {
    const environment: ResolveEnvironment = {
      packagePath: module.packagePath,
      ruleNames: ruleNames.get(module.packagePath.join(".")) ?? new Set(),
      imports: module.imports,
      functions: arities,
      builtinArity,
    };
    for (const rule of module.rules) {
      try {
        const compiled = compileRule(withMetadataCalls(rule, module, modules), module, environment);
        place(root, functions, compiled);
        rules.push(compiled);
      } catch (error) {
        if (!(error instanceof RegoError)) throw error;
        errors.push(...(error instanceof CompileErrors ? error.errors : [error]));
      }
    }
  }
  // Types are checked once every function is known: a call is checked against the function's head patterns.
  const signatures = functionTypes(functions);
  for (const rule of rules) errors.push(...checkRuleTypes(rule, signatures));
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new CompileErrors(errors);
  checkConflicts(root);
  checkRecursion(root);
  return { root, modules, functions, functionTypes: signatures, shared: sharedNodes(root) };
}

function place(root: RuleNode, functions: Map<string, RuleNode>, rule: CompiledRule): void {
  let node = root;
  for (const key of rule.path) node = node.child(key);
  const name = ["data", ...rule.path].join(".");
  if (rule.kind === "function") {
    functions.set(name, node);
    if (!rule.isDefault) node.functions.push(rule);
    else if (node.defaultFunction) throw new CompileError("rego_type_error", `multiple default rules ${name} found`, rule.source.loc);
    else node.defaultFunction = rule;
    return;
  }
  if (!rule.isDefault) node.rules.push(rule);
  else if (node.defaultRule) throw new CompileError("rego_type_error", `multiple default rules ${name} found`, rule.source.loc);
  else node.defaultRule = rule;
}

function checkConflicts(root: RuleNode): void {
  for (const node of root.walk()) {
    const name = ["data", ...node.path].join(".");
    const valueRules = [...node.rules, ...(node.defaultRule ? [node.defaultRule] : [])];
    const functionRules = [...node.functions, ...(node.defaultFunction ? [node.defaultFunction] : [])];
    const first = valueRules[0] ?? functionRules[0];
    if (valueRules.length > 0 && functionRules.length > 0) throw new CompileError("rego_type_error", `conflicting rules ${name} found`, first?.source.loc);
    const shapes = new Set(valueRules.map((rule) => `${rule.kind}:${rule.suffix.length > 0}`));
    if (shapes.size > 1) throw new CompileError("rego_type_error", `conflicting rules ${name} found`, first?.source.loc);
    const arities = new Set(functionRules.map((rule) => rule.args?.length ?? 0));
    if (arities.size > 1) throw new CompileError("rego_type_error", `conflicting rules ${name} found`, first?.source.loc);
  }
}

/** True for terms that can bind by plain unification: variables, scalars and arrays/objects of them. */
function isPattern(term: Term): boolean {
  switch (term.type) {
    case "var":
    case "scalar":
      return true;
    case "array":
      return term.items.every(isPattern);
    case "object":
      return term.pairs.every(([key, value]) => key.type === "scalar" && isPattern(value));
    default:
      return false;
  }
}

/** Function parameters that are not plain patterns become fresh variables compared in the body, where their variables can be bound first. */
function patternParameters(rule: Rule): Rule {
  const args = rule.head.args;
  if (!args || args.every(isPattern)) return rule;
  const checks: Expr[] = [];
  const parameters = args.map((arg, index) => {
    if (isPattern(arg)) return arg;
    const parameter: Term = { type: "var", name: `$parameter${index}`, loc: arg.loc };
    checks.push({ statement: { kind: "term", term: { type: "call", operator: "eq", args: [parameter, arg], loc: arg.loc } }, negated: false, with: [], loc: arg.loc, text: "" });
    return parameter;
  });
  return { ...rule, head: { ...rule.head, args: parameters }, body: [...checks, ...rule.body] };
}

function compileRule(original: Rule, module: Module, environment: ResolveEnvironment): CompiledRule {
  const parameterized = patternParameters(original);
  const rule = { ...parameterized, body: hoistNegatedArguments(parameterized.body) };
  const { path, suffix } = groundPrefix(module.packagePath, rule.head.ref);
  const resolver = new Resolver(environment);
  const headTerms = [...(rule.head.args ?? []), ...suffix, ...(rule.head.key ? [rule.head.key] : []), ...(rule.head.value ? [rule.head.value] : [])];
  const scope = resolver.rootScope(shallowNames(rule.body, headTerms));
  const args = rule.head.args?.map((arg) => resolver.declarePattern(arg, scope, false));
  const body = resolver.body(rule.body, scope);
  const resolvedSuffix = suffix.map((term) => resolver.term(term, scope));
  const key = rule.head.key && resolver.term(rule.head.key, scope);
  const value = rule.head.value ? resolver.term(rule.head.value, scope) : ({ type: "scalar", value: true, loc: rule.loc } as Term);
  resolver.checkDeclaredVarsUsed();
  const names = resolver.slots.names;
  const safe = new Set<number>();
  for (const arg of args ?? []) for (const slot of outputs(arg, true)) safe.add(slot);
  const ordered = orderBody(body, safe, names);
  const head = [...resolvedSuffix, ...(key ? [key] : []), value];
  checkHead(head, ordered.safe, names);
  for (const term of head) orderTerm(term, ordered.safe, names);
  return {
    path,
    suffix: resolvedSuffix,
    kind: rule.kind,
    isDefault: rule.default,
    args,
    key,
    value,
    body: ordered.body,
    frameSize: resolver.slots.count,
    slotNames: names,
    else: original.else && compileRule(original.else, module, environment),
    source: original,
  };
}

export function compileQuery(query: Expr[], policy: CompiledPolicy): CompiledQuery {
  const arities = new Map<string, number>();
  for (const [name, node] of policy.functions) arities.set(name, (node.functions[0] ?? node.defaultFunction)?.args?.length ?? 0);
  const resolver = new Resolver({ packagePath: [], ruleNames: new Set(), imports: [], functions: arities, builtinArity });
  const scope = resolver.rootScope(shallowNames(query));
  const resolved = resolver.body(query, scope);
  resolver.checkDeclaredVarsUsed();
  const positions = new Map<Expr, number>(resolved.map((expr, index) => [expr, index]));
  const ordered = orderBody(resolved, new Set(), resolver.slots.names);
  const typeErrors = checkQueryTypes(ordered.body, policy.functionTypes);
  if (typeErrors.length > 0) throw typeErrors.length === 1 ? typeErrors[0] : new CompileErrors(typeErrors);
  const variables = new Map<string, number>();
  for (const expr of resolved) {
    const statement = expr.statement;
    const terms = statement.kind === "term" ? [statement.term] : statement.kind === "somein" ? [statement.value, ...(statement.key ? [statement.key] : []), statement.collection] : statement.kind === "some" ? statement.vars : [statement.collection];
    for (const term of terms) {
      visitTerm(term, (node) => {
        if (node.type === "var" && node.slot !== undefined && node.name !== "_" && !variables.has(node.name)) variables.set(node.name, node.slot);
      });
    }
  }
  return { body: ordered.body, frameSize: resolver.slots.count, variables: [...variables], positions };
}
