// A compiled policy as bytes and back, for a cache of compiled policies: V8's serialization of the compiled rule
// tree, exact where JSON is not (bigints, Maps and Sets, the objects several rules share). V8 keeps an object's fields
// but not its class, so the bytes also list every class instance of the tree (the rule nodes, and the Rego values
// the compiler made of literals: sets, objects, numbers written non-canonically) with its class; reading restores
// them. Read back only by the same compiled form and V8: the caller names its entries by compiledFormat and the V8
// version.
import { deserialize, serialize } from "node:v8";
import { NumberText } from "../number-text.js";
import { ObjectValue, SetValue } from "../values.js";
import type { CompiledPolicy } from "./compile.js";
import { RuleNode } from "./rules.js";

/** Bumped whenever what the compiler makes, or what the evaluator reads of it, changes. */
export const compiledFormat = 2;

/** The classes a compiled tree holds instances of, by the name the bytes give them. */
const classes = { RuleNode, SetValue, ObjectValue, NumberText } as const;
type ClassName = keyof typeof classes;
const names = new Map<object, ClassName>(Object.entries(classes).map(([name, type]) => [type.prototype as object, name as ClassName]));

interface Stored {
  compiled: CompiledPolicy;
  /** Each class instance of the tree (the same objects, by V8's identity-keeping serialization) and its class. */
  instances: [object, ClassName][];
}

/** The bytes; throws when the tree holds an instance of a class it cannot restore (the caller then keeps no entry). */
export function compiledToBytes(compiled: CompiledPolicy): Uint8Array {
  const stored: Stored = { compiled, instances: instancesIn(compiled) };
  return serialize(stored);
}

/** The compiled policy the bytes hold, or null when they hold something else (an entry that cannot be trusted). */
export function compiledFromBytes(bytes: Uint8Array): CompiledPolicy | null {
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch {
    return null;
  }
  const stored = value as Partial<Stored> | null;
  if (typeof stored !== "object" || stored === null || !Array.isArray(stored.instances)) return null;
  const compiled = stored.compiled as Partial<CompiledPolicy> | undefined;
  if (typeof compiled !== "object" || compiled === null || !Array.isArray(compiled.modules) || !(compiled.functions instanceof Map) || !(compiled.shared instanceof Set)) return null;
  for (const entry of stored.instances) {
    const [instance, name] = Array.isArray(entry) ? entry : [];
    const type = typeof name === "string" && Object.hasOwn(classes, name) ? classes[name as ClassName] : undefined;
    if (typeof instance !== "object" || instance === null || type === undefined) return null;
    Object.setPrototypeOf(instance, type.prototype);
  }
  return compiled.root instanceof RuleNode ? (compiled as CompiledPolicy) : null;
}

/** Every class instance reachable from the tree, once each; an instance of another class is an error. */
function instancesIn(root: unknown): [object, ClassName][] {
  const found: [object, ClassName][] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, item] of value) pending.push(key, item);
      continue;
    }
    if (value instanceof Set || Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = names.get(prototype as object);
      if (name === undefined) throw new Error(`a compiled policy holds a ${(value as object).constructor.name}, which its bytes cannot restore`);
      found.push([value, name]);
    }
    for (const item of Object.values(value)) pending.push(item);
  }
  return found;
}
