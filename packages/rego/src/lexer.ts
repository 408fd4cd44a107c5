// Splits Rego source text into tokens with line/column positions, collecting comments on the side.

import type { Location } from "./ast.js";
import { ParseError } from "./errors.js";

/**
 * Terms and bodies nested deeper than this are a parse error: the parser (and the compiler and evaluator after it)
 * recurse once per level, so `[[[[…` a hundred thousand deep would otherwise overflow the stack. Real policies nest
 * a few levels.
 */
export const maxNesting = 100;

export type TokenKind = "ident" | "number" | "string" | "template" | "punct" | "eof";

export interface TemplatePart {
  /** Literal text (escapes resolved) or the source range of an embedded expression. */
  text?: string;
  start?: number;
  end?: number;
}

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded string value for strings. */
  value: string;
  parts: TemplatePart[];
  loc: Location;
  start: number;
  end: number;
  spaceBefore: boolean;
  newlineBefore: boolean;
}

export interface Comment {
  text: string;
  line: number;
  col: number;
}

const punctuations = [":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">", "+", "-", "*", "/", "%", "|", "&"];

export class Lexer {
  private position: number;
  private line: number;
  private lineStart: number;
  readonly comments: Comment[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
    start = 0,
    private readonly end = source.length,
  ) {
    this.position = start;
    const before = source.slice(0, start);
    const newlines = before.split("\n").length - 1;
    this.line = 1 + newlines;
    this.lineStart = before.lastIndexOf("\n") + 1;
  }

  tokenize(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      const token = this.next();
      tokens.push(token);
      if (token.kind === "eof") return tokens;
    }
  }

  private location(offset = this.position): Location {
    return { file: this.file, line: this.line, col: offset - this.lineStart + 1 };
  }

  private fail(message: string): never {
    throw new ParseError(message, this.location());
  }

  private skipSpace(): { space: boolean; newline: boolean } {
    let space = false;
    let newline = false;
    while (this.position < this.end) {
      const char = this.source[this.position] as string;
      if (char === "\n") {
        newline = true;
        space = true;
        this.position++;
        this.line++;
        this.lineStart = this.position;
      } else if (char === " " || char === "\t" || char === "\r") {
        space = true;
        this.position++;
      } else if (char === "#") {
        const col = this.position - this.lineStart + 1;
        const stop = this.source.indexOf("\n", this.position);
        const lineEnd = stop === -1 || stop > this.end ? this.end : stop;
        this.comments.push({ text: this.source.slice(this.position + 1, lineEnd).replace(/\r$/, ""), line: this.line, col });
        this.position = lineEnd;
        space = true;
      } else break;
    }
    return { space, newline };
  }

  private make(kind: TokenKind, start: number, loc: Location, gap: { space: boolean; newline: boolean }, value = "", parts: TemplatePart[] = []): Token {
    return { kind, text: this.source.slice(start, this.position), value, parts, loc, start, end: this.position, spaceBefore: gap.space, newlineBefore: gap.newline };
  }

  private next(): Token {
    const gap = this.skipSpace();
    const start = this.position;
    const loc = this.location();
    if (start >= this.end) return this.make("eof", start, loc, gap);
    const char = this.source[start] as string;
    if (/[A-Za-z_]/.test(char)) {
      while (this.position < this.end && /[A-Za-z0-9_]/.test(this.source[this.position] as string)) this.position++;
      return this.make("ident", start, loc, gap);
    }
    if (/[0-9]/.test(char)) return this.number(start, loc, gap);
    if (char === '"') return this.make("string", start, loc, gap, this.quoted());
    if (char === "`") return this.make("string", start, loc, gap, this.raw());
    if (char === "$" && (this.source[start + 1] === '"' || this.source[start + 1] === "`")) {
      this.position++;
      return this.make("template", start, loc, gap, "", this.template());
    }
    for (const punct of punctuations) {
      if (this.source.startsWith(punct, start)) {
        this.position += punct.length;
        return this.make("punct", start, loc, gap);
      }
    }
    return this.fail(`illegal token ${JSON.stringify(char)}`);
  }

  private number(start: number, loc: Location, gap: { space: boolean; newline: boolean }): Token {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.source.slice(start, this.end));
    this.position += (match?.[0] ?? "").length;
    if (/[A-Za-z_.]/.test(this.source[this.position] ?? "") && this.source[this.position] !== ".") this.fail("illegal number format");
    return this.make("number", start, loc, gap);
  }

  private quoted(): string {
    this.position++;
    let value = "";
    for (;;) {
      if (this.position >= this.end || this.source[this.position] === "\n") this.fail("non-terminated string");
      const char = this.source[this.position] as string;
      if (char === '"') {
        this.position++;
        return value;
      }
      if (char === "\\") value += this.escape(false);
      else {
        value += char;
        this.position++;
      }
    }
  }

  private escape(template: boolean): string {
    const code = this.source[this.position + 1];
    this.position += 2;
    switch (code) {
      case '"':
      case "\\":
      case "/":
        return code;
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u": {
        const hex = this.source.slice(this.position, this.position + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("illegal unicode escape");
        this.position += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case "{":
      case "}":
        if (template) return code;
    }
    return this.fail(`illegal escape sequence "\\${code ?? ""}"`);
  }

  private raw(): string {
    const close = this.source.indexOf("`", this.position + 1);
    if (close === -1 || close >= this.end) this.fail("non-terminated raw string");
    const value = this.source.slice(this.position + 1, close);
    this.advanceTo(close + 1);
    return value;
  }

  private advanceTo(offset: number): void {
    for (let i = this.position; i < offset; i++) {
      if (this.source[i] === "\n") {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.position = offset;
  }

  /** Reads `"..."` or a raw template after `$`, splitting it into text and `{expression}` parts. */
  private template(): TemplatePart[] {
    const quote = this.source[this.position] as string;
    this.position++;
    const parts: TemplatePart[] = [];
    let text = "";
    for (;;) {
      if (this.position >= this.end || (quote === '"' && this.source[this.position] === "\n")) this.fail("non-terminated template string");
      const char = this.source[this.position] as string;
      if (char === quote) {
        this.position++;
        if (text) parts.push({ text });
        return parts;
      }
      if (char === "\\" && quote === '"') text += this.escape(true);
      else if (char === "{") {
        if (text) parts.push({ text });
        text = "";
        const start = this.position + 1;
        const end = this.matchingBrace(start);
        parts.push({ start, end });
        this.advanceTo(end + 1);
      } else {
        text += char;
        this.advanceTo(this.position + 1);
      }
    }
  }

  /**
   * Finds the `}` closing an embedded template expression, skipping nested braces and string literals.
   * `nesting`: how many templates enclose this one (each costs a level of recursion here and in the parser).
   */
  private matchingBrace(start: number, nesting = 0): number {
    if (nesting >= maxNesting) this.fail(`template strings nested more than ${maxNesting} levels deep`);
    let depth = 0;
    let i = start;
    while (i < this.end) {
      const char = this.source[i];
      if (char === '"') i = this.skipQuoted(i);
      else if (char === "`") i = this.source.indexOf("`", i + 1) + 1;
      else if (char === "$" && this.source[i + 1] === '"') i = this.skipTemplate(i + 1, nesting + 1);
      else {
        if (char === "{") depth++;
        else if (char === "}") {
          if (depth === 0) return i;
          depth--;
        }
        i++;
      }
      if (i <= 0) break;
    }
    return this.fail("non-terminated template expression");
  }

  private skipQuoted(start: number): number {
    let i = start + 1;
    while (i < this.end && this.source[i] !== '"') i += this.source[i] === "\\" ? 2 : 1;
    return i + 1;
  }

  private skipTemplate(start: number, nesting: number): number {
    let i = start + 1;
    while (i < this.end && this.source[i] !== '"') {
      if (this.source[i] === "\\") i += 2;
      else if (this.source[i] === "{") i = this.matchingBrace(i + 1, nesting) + 1;
      else i++;
    }
    return i + 1;
  }
}
