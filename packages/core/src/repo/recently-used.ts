// What is derived from a file on demand (syntax trees, outlines, line starts) is kept for the files used last only:
// a run locates its findings file by file, so a few files' worth is enough and retained memory does not grow with
// the repository.

/** Values computed per owner, the least recently used dropped beyond `size` owners. */
export class RecentlyUsed<T> {
  readonly #kept = new Map<object, T>();

  constructor(readonly size: number) {}

  of(owner: object, compute: () => T): T {
    if (this.#kept.has(owner)) {
      const known = this.#kept.get(owner) as T;
      this.#kept.delete(owner);
      this.#kept.set(owner, known);
      return known;
    }
    const value = compute();
    this.#kept.set(owner, value);
    if (this.#kept.size > this.size) this.#kept.delete(this.#kept.keys().next().value as object);
    return value;
  }
}
