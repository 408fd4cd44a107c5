// Variable scopes of a rule or query: which names are local, and the frame slot of each local.

import type { Location, VarTerm } from "../ast.js";
import { CompileError } from "../errors.js";

/** Allocates frame slots for one rule body (and everything nested in it). */
export class SlotAllocator {
  count = 0;
  readonly names: string[] = [];
  allocate(name: string): number {
    this.names.push(name);
    return this.count++;
  }
}

export class Scope {
  private readonly declared = new Map<string, number>();
  private readonly implicit = new Map<string, number>();
  /** Slots created in this scope or its children, used to compute closures. */
  readonly owned = new Set<number>();

  constructor(
    readonly slots: SlotAllocator,
    /** Names that occur directly in this scope's body (outside nested bodies). */
    readonly occurs: Set<string>,
    readonly parent: Scope | undefined,
  ) {}

  child(occurs: Set<string>): Scope {
    return new Scope(this.slots, occurs, this);
  }

  /** Declares a name explicitly (`some x`, `x :=`, every's key/value); `:=` on a name already assigned is an error. */
  declare(name: string, loc: Location, assignment: boolean): VarTerm {
    if (assignment && this.declared.has(name)) throw new CompileError("rego_compile_error", `var ${name} assigned above`, loc);
    const existing = this.declared.get(name) ?? this.implicit.get(name);
    const slot = existing !== undefined && !assignment ? existing : this.slots.allocate(name);
    if (existing !== undefined && assignment && this.implicit.has(name)) throw new CompileError("rego_compile_error", `var ${name} referenced above`, loc);
    this.declared.set(name, slot);
    this.own(slot);
    return { type: "var", name, loc, slot };
  }

  wildcard(loc: Location): VarTerm {
    const slot = this.slots.allocate("_");
    this.own(slot);
    return { type: "var", name: "_", loc, slot };
  }

  private own(slot: number): void {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) scope.owned.add(slot);
  }

  /** The slot a name refers to if it is a declared or already-seen local anywhere up the chain. */
  lookup(name: string): number | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const declared = scope.declared.get(name);
      if (declared !== undefined) return declared;
    }
    let outermost: Scope | undefined;
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) if (scope.occurs.has(name)) outermost = scope;
    if (!outermost) return undefined;
    return outermost.implicitSlot(name);
  }

  isDeclared(name: string): boolean {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) if (scope.declared.has(name)) return true;
    return false;
  }

  private implicitSlot(name: string): number {
    let slot = this.implicit.get(name);
    if (slot === undefined) {
      slot = this.slots.allocate(name);
      this.implicit.set(name, slot);
      this.own(slot);
    }
    return slot;
  }
}
