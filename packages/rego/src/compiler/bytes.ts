// A compiled policy as bytes and back, for a cache of compiled policies: V8's serialization of the compiled rule
// tree, exact where JSON is not (bigints, Maps and Sets, the objects several rules share). Read back only by the same
// compiled form and V8: the caller names its entries by compiledFormat and the V8 version.
import { deserialize, serialize } from "node:v8";
import type { CompiledPolicy } from "./compile.js";
import { RuleNode } from "./rules.js";

/** Bumped whenever what the compiler makes, or what the evaluator reads of it, changes. */
export const compiledFormat = 1;

export function compiledToBytes(compiled: CompiledPolicy): Uint8Array {
  return serialize(compiled);
}

/** The compiled policy the bytes hold, or null when they hold something else (an entry that cannot be trusted). */
export function compiledFromBytes(bytes: Uint8Array): CompiledPolicy | null {
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch {
    return null;
  }
  const compiled = value as Partial<CompiledPolicy> | null;
  if (typeof compiled !== "object" || compiled === null || !Array.isArray(compiled.modules) || !(compiled.functions instanceof Map) || !(compiled.shared instanceof Set)) return null;
  if (!isRuleTree(compiled.root)) return null;
  // the tree's nodes are the only class instances: the serialization keeps their fields, not their class
  restoreRuleNodes(compiled.root);
  return compiled as CompiledPolicy;
}

function isRuleTree(node: unknown): node is RuleNode {
  const candidate = node as Partial<RuleNode> | null;
  return (
    typeof candidate === "object" && candidate !== null && Array.isArray(candidate.path) && Array.isArray(candidate.rules) && Array.isArray(candidate.functions) &&
    candidate.children instanceof Map && [...candidate.children.values()].every(isRuleTree)
  );
}

function restoreRuleNodes(node: RuleNode): void {
  Object.setPrototypeOf(node, RuleNode.prototype);
  for (const child of node.children.values()) restoreRuleNodes(child);
}
