// RE2 (Go's regexp semantics, linear time) for every secret pattern and user allowlist regex — never JS RegExp.
import { createRequire } from "node:module";

interface Re2Match extends Array<string | undefined> {
  index: number;
}

interface Re2Instance {
  exec(text: string): Re2Match | null;
  lastIndex: number;
}

const require = createRequire(import.meta.url);
const { RE2 } = require("re2-wasm") as { RE2: new (pattern: string, flags: string) => Re2Instance };

export interface Re2Hit {
  /** Offset of the whole match in the text. */
  index: number;
  match: string;
  groups: (string | undefined)[];
}

export class Re2Pattern {
  private readonly global: Re2Instance;

  constructor(readonly source: string) {
    this.global = new RE2(source, "gu");
  }

  /** Every non-overlapping match in the text. */
  findAll(text: string): Re2Hit[] {
    const hits: Re2Hit[] = [];
    this.global.lastIndex = 0;
    for (let match = this.global.exec(text); match !== null; match = this.global.exec(text)) {
      hits.push({ index: match.index, match: match[0] ?? "", groups: match.slice(1) });
      if ((match[0] ?? "").length === 0) this.global.lastIndex++;
    }
    return hits;
  }

  test(text: string): boolean {
    this.global.lastIndex = 0;
    return this.global.exec(text) !== null;
  }
}
