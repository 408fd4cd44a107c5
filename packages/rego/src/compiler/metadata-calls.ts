// rego.metadata.rule() and rego.metadata.chain(), replaced at compile time (as OPA's compiler does) by the
// annotations of the rule they appear in: its rule and document scopes, its package's and the parents' subpackages.

import type { Annotations, Expr, Module, Rule, Statement, Term } from "../ast.js";
import { visitBody, visitTerm } from "../ast.js";
import { fromJSON, NumberText, type Value } from "../values.js";

/** OPA's JSON form of an annotation block: authors and related resources as objects, empty fields left out. */
function annotationJSON(annotations: Annotations): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (value === undefined || value === null) continue;
    if (key === "authors" && Array.isArray(value)) result.authors = value.map(author);
    else if (key === "related_resources" && Array.isArray(value)) result.related_resources = value.map((item) => (typeof item === "string" ? { ref: item } : item));
    else result[key] = value;
  }
  return result;
}

/** `Name <email>` (or a bare email) as OPA's {name, email}. */
function author(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const match = /^(.*?)\s*<([^>]+)>$/.exec(value.trim());
  if (match) return match[1] ? { name: match[1], email: match[2] } : { email: match[2] };
  return value.includes("@") && !value.includes(" ") ? { email: value } : { name: value.trim() };
}

function rulePath(module: Module, rule: Rule): string[] {
  const path = [...module.packagePath];
  for (const [index, part] of rule.head.ref.entries()) {
    if (index === 0 && part.type === "var") path.push(part.name);
    else if (part.type === "scalar" && typeof part.value === "string") path.push(part.value);
    else break;
  }
  return path;
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

interface Metadata {
  rule: Record<string, unknown>;
  chain: Record<string, unknown>[];
}

function metadataOf(rule: Rule, module: Module, modules: Module[]): Metadata {
  const path = rulePath(module, rule);
  const own = rule.annotations?.scope === "rule" ? annotationJSON(rule.annotations) : undefined;
  const chain: Record<string, unknown>[] = [own ? { path, annotations: own } : { path }];
  const documentScope = modules
    .flatMap((other) => other.rules.filter((candidate) => candidate.annotations?.scope === "document" && samePath(rulePath(other, candidate), path)))
    .map((candidate) => candidate.annotations as Annotations)[0];
  if (documentScope) chain.push({ path, annotations: annotationJSON(documentScope) });
  for (let length = module.packagePath.length; length >= 0; length--) {
    const packagePath = module.packagePath.slice(0, length);
    const scopes = length === module.packagePath.length ? ["package", "subpackages"] : ["subpackages"];
    const block = modules
      .filter((other) => samePath(other.packagePath, packagePath))
      .flatMap((other) => other.annotations.filter((annotations) => scopes.includes(annotations.scope) && isPackageBlock(other, annotations)))[0];
    if (block) chain.push({ path: packagePath, annotations: annotationJSON(block) });
  }
  return { rule: own ?? {}, chain };
}

/** Package-level blocks are the ones no rule owns. */
function isPackageBlock(module: Module, annotations: Annotations): boolean {
  return !module.rules.some((rule) => rule.annotations === annotations);
}

/** A constant value as a literal term. */
function literal(value: Value, loc: Term["loc"]): Term {
  if (value === null || typeof value !== "object" || value instanceof NumberText) return { type: "scalar", value, loc };
  if (Array.isArray(value)) return { type: "array", items: value.map((item) => literal(item, loc)), loc };
  if ("sortedEntries" in value) return { type: "object", pairs: value.sortedEntries().map(([key, item]) => [literal(key, loc), literal(item, loc)] as [Term, Term]), loc };
  return { type: "set", items: value.sorted().map((item) => literal(item, loc)), loc };
}

/** The rule with its metadata calls replaced by constants (unchanged when it has none). */
export function withMetadataCalls(rule: Rule, module: Module, modules: Module[]): Rule {
  let metadata: Metadata | undefined;
  const replace = (term: Term): Term => {
    if (term.type === "call" && term.args.length === 0 && (term.operator === "rego.metadata.rule" || term.operator === "rego.metadata.chain")) {
      metadata ??= metadataOf(rule, module, modules);
      return literal(fromJSON(term.operator === "rego.metadata.rule" ? metadata.rule : metadata.chain), term.loc);
    }
    return mapChildren(term, replace);
  };
  if (!mentionsMetadata(rule)) return rule;
  const head = { ...rule.head, value: rule.head.value && replace(rule.head.value), key: rule.head.key && replace(rule.head.key) };
  return { ...rule, head, body: rule.body.map((expr) => mapExpr(expr, replace)), else: rule.else && withMetadataCalls({ ...rule.else, annotations: rule.annotations }, module, modules) };
}

function mentionsMetadata(rule: Rule): boolean {
  let found = false;
  const visit = (term: Term) => {
    if (term.type === "call" && term.operator.startsWith("rego.metadata.")) found = true;
  };
  visitBody(rule.body, visit);
  for (const term of [rule.head.value, rule.head.key]) if (term) visitTerm(term, visit, true);
  return found || (rule.else !== undefined && mentionsMetadata(rule.else));
}

function mapExpr(expr: Expr, replace: (term: Term) => Term): Expr {
  const statement = expr.statement;
  let mapped: Statement;
  switch (statement.kind) {
    case "term":
      mapped = { kind: "term", term: replace(statement.term) };
      break;
    case "somein":
      mapped = { ...statement, collection: replace(statement.collection) };
      break;
    case "every":
      mapped = { ...statement, collection: replace(statement.collection), body: statement.body.map((inner) => mapExpr(inner, replace)) };
      break;
    default:
      mapped = statement;
  }
  return { ...expr, statement: mapped, with: expr.with.map((modifier) => ({ ...modifier, value: replace(modifier.value) })) };
}

function mapChildren(term: Term, replace: (term: Term) => Term): Term {
  switch (term.type) {
    case "ref":
      return { ...term, head: replace(term.head), path: term.path.map(replace) };
    case "array":
    case "set":
      return { ...term, items: term.items.map(replace) };
    case "object":
      return { ...term, pairs: term.pairs.map(([key, value]) => [replace(key), replace(value)] as [Term, Term]) };
    case "call":
      return { ...term, args: term.args.map(replace) };
    case "arraycompr":
    case "setcompr":
      return { ...term, term: replace(term.term), body: term.body.map((expr) => mapExpr(expr, replace)) };
    case "objectcompr":
      return { ...term, key: replace(term.key), value: replace(term.value), body: term.body.map((expr) => mapExpr(expr, replace)) };
    case "template":
      return { ...term, parts: term.parts.map((part) => (typeof part === "string" ? part : replace(part))) };
    default:
      return term;
  }
}
