// RE2 (Go's regexp semantics, linear time) for every secret pattern and user allowlist regex — never JS RegExp.
// The engine is @mergegate/rego's re2-wasm wrapper, shared with the Rego regex builtins.
import { re2Compile, re2FindAll, re2Test } from "@mergegate/rego";

export interface Re2Hit {
  /** Offset of the whole match in the text. */
  index: number;
  match: string;
  groups: (string | undefined)[];
}

export class Re2Pattern {
  /** Compiles the pattern now, so an invalid one fails where it is declared. */
  constructor(readonly source: string) {
    re2Compile(source);
  }

  /** Every non-overlapping match in the text. */
  findAll(text: string): Re2Hit[] {
    return re2FindAll(this.source, text).map((found) => ({ index: found.index, match: found.text, groups: found.groups }));
  }

  test(text: string): boolean {
    return re2Test(this.source, text);
  }
}
