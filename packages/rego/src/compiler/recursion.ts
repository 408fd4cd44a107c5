// Recursion detection: a rule may not depend on itself through references or calls (rego_recursion_error).

import type { Expr, Term } from "../ast.js";
import { visitBody, visitTerm } from "../ast.js";
import { CompileError } from "../errors.js";
import type { CompiledRule, RuleNode } from "./rules.js";

/** The path of a data reference or function call: undefined for parts that are not constant, null for constants that name no rule (`data[2]`). */
function dataPath(term: Term): (string | undefined | null)[] | undefined {
  if (term.type === "call" && term.operator.startsWith("data.")) return term.operator.split(".").slice(1);
  if (term.type !== "ref" || term.head.type !== "var" || term.head.name !== "data" || term.head.slot !== undefined) return undefined;
  return term.path.map((part) => (part.type === "scalar" ? (typeof part.value === "string" ? part.value : null) : undefined));
}

export function rulesOf(node: RuleNode): CompiledRule[] {
  const rules = [...node.rules, ...node.functions];
  if (node.defaultRule) rules.push(node.defaultRule);
  return rules;
}

/** Nodes holding rules that a reference can reach: nodes with rules along its path (any child where the part is not constant), and every node below its end. */
function reachable(node: RuleNode, path: (string | undefined | null)[], index: number, into: RuleNode[]): RuleNode[] {
  if (index === path.length) {
    for (const below of node.walk()) if (rulesOf(below).length > 0) into.push(below);
    return into;
  }
  if (rulesOf(node).length > 0) into.push(node);
  const key = path[index];
  if (key === undefined) for (const child of node.children.values()) reachable(child, path, index + 1, into);
  else if (key !== null) {
    const child = node.children.get(key);
    if (child) reachable(child, path, index + 1, into);
  }
  return into;
}

/** The rule nodes a rule (with its else branches) can read or call. */
export function ruleDependencies(rule: CompiledRule, root: RuleNode): Set<RuleNode> {
  const found = new Set<RuleNode>();
  const visit = (term: Term) => {
    const path = dataPath(term);
    if (path) for (const node of reachable(root, path, 0, [])) found.add(node);
  };
  for (let branch: CompiledRule | undefined = rule; branch; branch = branch.else) {
    const terms: Term[] = [branch.value, ...branch.suffix, ...(branch.key ? [branch.key] : []), ...(branch.args ?? [])];
    for (const term of terms) visitTerm(term, visit, true);
    visitBody(withoutWithTargets(branch.body), visit);
  }
  return found;
}

/** `with` targets name what is replaced, not what is read. */
function withoutWithTargets(body: Expr[]): Expr[] {
  return body.map((expr) => ({ ...expr, with: expr.with.map((modifier) => ({ ...modifier, target: { type: "scalar", value: null, loc: modifier.loc } as Term })) }));
}

export function checkRecursion(root: RuleNode): void {
  const edges = new Map<RuleNode, Set<RuleNode>>();
  for (const node of root.walk()) {
    const targets = new Set<RuleNode>();
    for (const rule of rulesOf(node)) for (const target of ruleDependencies(rule, root)) targets.add(target);
    edges.set(node, targets);
  }
  const state = new Map<RuleNode, "visiting" | "done">();
  const stack: RuleNode[] = [];
  const name = (node: RuleNode) => ["data", ...node.path].join(".");
  const visit = (node: RuleNode): void => {
    state.set(node, "visiting");
    stack.push(node);
    for (const target of edges.get(node) ?? []) {
      const seen = state.get(target);
      if (seen === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(target)), target].map(name);
        const rule = rulesOf(target)[0];
        throw new CompileError("rego_recursion_error", `rule ${name(target)} is recursive: ${cycle.join(" -> ")}`, rule?.source.loc);
      }
      if (seen === undefined) visit(target);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
}
