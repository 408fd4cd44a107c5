// Compiled rules and the rule tree: rules placed at the ground prefix of their head reference under `data`.

import type { Expr, Rule, RuleKind, Term } from "../ast.js";

export interface CompiledRule {
  /** Ground prefix of the head reference, relative to `data` (`["pkg", "p"]`). */
  path: string[];
  /** The rest of the head reference after the ground prefix (`[x]` in `p[x] := y`). */
  suffix: Term[];
  kind: RuleKind;
  isDefault: boolean;
  args: Term[] | undefined;
  /** Element of a multi-value rule. */
  key: Term | undefined;
  value: Term;
  body: Expr[];
  frameSize: number;
  /** Names of the frame slots, for bindings and messages. */
  slotNames: string[];
  else: CompiledRule | undefined;
  source: Rule;
}

export class RuleNode {
  readonly children = new Map<string, RuleNode>();
  /** Value-producing rules (complete, multi-value, ref-head objects) whose ground prefix ends here. */
  readonly rules: CompiledRule[] = [];
  defaultRule: CompiledRule | undefined;
  readonly functions: CompiledRule[] = [];
  defaultFunction: CompiledRule | undefined;

  constructor(readonly path: string[]) {}

  child(key: string): RuleNode {
    let node = this.children.get(key);
    if (!node) {
      node = new RuleNode([...this.path, key]);
      this.children.set(key, node);
    }
    return node;
  }

  find(path: string[]): RuleNode | undefined {
    let node: RuleNode | undefined = this;
    for (const key of path) {
      node = node.children.get(key);
      if (!node) return undefined;
    }
    return node;
  }

  get hasValueRules(): boolean {
    return this.rules.length > 0 || this.defaultRule !== undefined;
  }

  /** True when this node defines a function (and so has no document value). */
  get isFunction(): boolean {
    return this.functions.length > 0 || this.defaultFunction !== undefined;
  }

  *walk(): Generator<RuleNode> {
    yield this;
    for (const child of this.children.values()) yield* child.walk();
  }
}

/** Splits a rule's full head reference into its ground prefix and the remaining terms. */
export function groundPrefix(packagePath: string[], ref: Term[]): { path: string[]; suffix: Term[] } {
  const path = [...packagePath, (ref[0] as Term & { name: string }).name];
  let index = 1;
  while (index < ref.length) {
    const part = ref[index] as Term;
    if (part.type !== "scalar" || typeof part.value !== "string") break;
    path.push(part.value);
    index++;
  }
  return { path, suffix: ref.slice(index) };
}
