// Rules whose value does not depend on the input: evaluated once per data document and kept across evaluations
// (a policy run on each object of a render evaluates an index over the whole render once, not once per object).
// A rule is not shared when it — or any rule or function it can reach — reads `input`, uses `with`, or calls a
// builtin whose result differs between evaluations or that has an effect (time, randomness, network, print).

import type { Expr, Term } from "../ast.js";
import { visitExpr, visitTerm } from "../ast.js";
import type { CompiledRule, RuleNode } from "./rules.js";
import { ruleDependencies, rulesOf } from "./recursion.js";

/** Builtins whose result may differ between two evaluations of the same rule, or that write something. */
const perEvaluationBuiltins = new Set([
  "print",
  "trace",
  "time.now_ns",
  "rand.intn",
  "uuid.rfc4122",
  "http.send",
  "net.lookup_ip_addr",
  "opa.runtime",
  "io.jwt.decode_verify",
  "providers.aws.sign_req",
  "crypto.x509.parse_and_verify_certificates",
  "crypto.x509.parse_and_verify_certificates_with_options",
]);

/**
 * The nodes whose whole document (their rules' value merged with every node below) depends on `data` only. Run
 * after checkRecursion: the dependency graph has no cycles.
 */
export function sharedNodes(root: RuleNode): Set<RuleNode> {
  const own = new Map<RuleNode, boolean>();
  const edges = new Map<RuleNode, Set<RuleNode>>();
  for (const node of root.walk()) {
    const rules = rulesOf(node);
    own.set(node, rules.every((rule) => !readsRun(rule)));
    const targets = new Set<RuleNode>();
    for (const rule of rules) for (const target of ruleDependencies(rule, root)) targets.add(target);
    edges.set(node, targets);
  }
  const independent = new Map<RuleNode, boolean>();
  const rulesIndependent = (node: RuleNode): boolean => {
    const known = independent.get(node);
    if (known !== undefined) return known;
    independent.set(node, false); // a cycle cannot happen here; if it did, not sharing is the safe answer
    const result = (own.get(node) ?? false) && [...(edges.get(node) ?? [])].every(rulesIndependent);
    independent.set(node, result);
    return result;
  };
  const shared = new Set<RuleNode>();
  const documentIndependent = (node: RuleNode): boolean => {
    let result = rulesIndependent(node);
    for (const child of node.children.values()) if (!documentIndependent(child)) result = false;
    if (result) shared.add(node);
    return result;
  };
  documentIndependent(root);
  return shared;
}

/** Whether a rule (with its else branches) reads the input, uses `with`, or calls a per-evaluation builtin itself. */
function readsRun(rule: CompiledRule): boolean {
  let reads = false;
  const check = (term: Term): void => {
    if (term.type === "var" && term.name === "input" && term.slot === undefined) reads = true;
    else if (term.type === "call" && perEvaluationBuiltins.has(term.operator)) reads = true;
    else if ((term.type === "arraycompr" || term.type === "setcompr" || term.type === "objectcompr") && usesWith(term.body)) reads = true;
  };
  for (let branch: CompiledRule | undefined = rule; branch !== undefined; branch = branch.else) {
    if (usesWith(branch.body)) return true;
    for (const term of [branch.value, ...branch.suffix, ...(branch.key ? [branch.key] : []), ...(branch.args ?? [])]) visitTerm(term, check, true);
    for (const expr of branch.body) visitExpr(expr, check);
  }
  return reads;
}

function usesWith(body: Expr[]): boolean {
  return body.some((expr) => expr.with.length > 0 || (expr.statement.kind === "every" && usesWith(expr.statement.body)));
}
