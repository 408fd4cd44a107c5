// Is the value assigned to a secret-like name a literal written here, or an expression computed elsewhere?
// Only a literal can be a committed secret: a quoted string that nothing is joined to and that interpolates
// nothing, or a bare value as YAML, ini, env and properties files write one. Calls, member accesses, indexing,
// concatenation, interpolation and template references (`${X}`, `{{ .Values.x }}`, `$(cmd)`) are expressions:
// whatever they hold is not on this line.

/** A string literal on one line: from its opening quote to its closing one (`line.length` when unterminated). */
export interface QuotedSpan {
  open: number;
  close: number;
  quote: string;
  /** A Python f-string: `{name}` interpolates. */
  formatted: boolean;
}

export interface AssignedLiteral {
  /** Offset of the value in the line. */
  start: number;
  value: string;
}

const quotes = new Set(['"', "'", "`"]);
const wordCharacter = /[A-Za-z0-9_]/;

/** The string literals of a line. A quote opens one only where a token can start (so `don't` opens none). */
export function quotedSpans(line: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let index = 0;
  while (index < line.length) {
    const quote = line[index] ?? "";
    const prefix = quotes.has(quote) ? stringPrefix(line, index) : null;
    if (prefix === null) {
      index++;
      continue;
    }
    const close = closingQuote(line, index);
    spans.push({ open: index, close, quote, formatted: /f/i.test(prefix) });
    index = close + 1;
  }
  return spans;
}

/** The prefix letters before a quote that opens a string (`""`, `f`, `rb`), or null when the quote opens none. */
function stringPrefix(line: string, quoteIndex: number): string | null {
  let start = quoteIndex;
  while (start > 0 && quoteIndex - start < 2 && /[rRbBuUfF]/.test(line[start - 1] ?? "")) start--;
  for (; start <= quoteIndex; start++) if (start === 0 || !wordCharacter.test(line[start - 1] ?? "")) return line.slice(start, quoteIndex);
  return null;
}

function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let index = open + 1; index < line.length; index++) {
    const character = line[index];
    if (character === "\\" && quote !== "'") {
      index++;
      continue;
    }
    if (character !== quote) continue;
    if (quote === "'" && line[index + 1] === "'" && index > open + 1) {
      index++; // YAML's doubled quote inside a single-quoted scalar
      continue;
    }
    return index;
  }
  return line.length;
}

/** Template and interpolation syntax: the value is filled in later, by a shell, a template engine or the language. */
const interpolation = /\$\{|\$\(|#\{|\{\{|\{%|<%|\(\(/;
/** A shell or Make variable as the whole start of a value: `$DB_PASSWORD`, `$1`. */
const variableStart = /^\$[A-Za-z0-9_{(]/;
/** Something joined to the operand just read: a binary operator, PHP's `.` or Lua's `..`, a conditional. */
const joiningOperator = /^(?:\+|\|\||&&|\?\?|\?|%|\*|\.\.|\.(?=[\s$])|(?:or|and|if|else)\b)/;
/** A bare operand joined to more: `prefix + suffix`, `$A || default`. */
const concatenation = /^(?:\+|\|\||&&|\?\?)/;
/** Where a statement ends after an operand. */
const statementEnd = /^(?:$|[;,)\]}]|#|\/\/)/;
const identifier = /^(?:(?:new|await|yield)\s+)?[A-Za-z_$][\w$]*/;
const memberAccess = /^(?:\?\.|\.|::|->)[A-Za-z_$][\w$]*/;
/** An identifier as code names things: letters (and `_`), then at most trailing digits — not a random token. */
const wordLike = /^[A-Za-z_$]+\d*$/;

/**
 * The literal assigned at `valueFrom` (just past the operator at `operator`), or null when the value is an
 * expression. `code`: the statement is code (a declaration, `:=`, a comparison), where a bare word is a variable.
 */
export function assignedLiteral(line: string, operator: number, valueFrom: number, spans: readonly QuotedSpan[], code: boolean): AssignedLiteral | null {
  const enclosing = spans.find((span) => span.open < operator && operator < span.close);
  if (enclosing !== undefined) return literalInsideString(line, valueFrom, enclosing);
  const start = skipSpaces(line, valueFrom);
  const quoted = spans.find((span) => span.open >= start && span.open <= start + 2 && /^[rbuf]{0,2}$/i.test(line.slice(start, span.open)));
  if (quoted !== undefined) return quotedLiteral(line, quoted);
  return code ? null : bareLiteral(line, start);
}

/** `"user=app password=…"`: the value runs inside the same string; none when the string ends right there. */
function literalInsideString(line: string, valueFrom: number, span: QuotedSpan): AssignedLiteral | null {
  const start = skipSpaces(line, valueFrom);
  let end = start;
  while (end < span.close && !/\s/.test(line[end] ?? "") && line[end] !== span.quote) end++;
  const value = line.slice(start, end);
  if (value === "" || interpolates(value, span) || variableStart.test(value)) return null;
  return { start, value };
}

/** `"…"` on its own is a literal; `"…" + x`, `"${x}…"` and `f"{x}"` are expressions. */
function quotedLiteral(line: string, span: QuotedSpan): AssignedLiteral | null {
  const content = line.slice(span.open + 1, span.close);
  if (interpolates(content, span)) return null;
  if (span.close < line.length && joiningOperator.test(line.slice(skipSpaces(line, span.close + 1)))) return null;
  const start = span.open + 1;
  let end = start;
  while (end < span.close && !/\s/.test(line[end] ?? "")) end++;
  return { start, value: line.slice(start, end) };
}

/** A bare value, as configuration files write them — unless it is shaped like code or a reference. */
function bareLiteral(line: string, start: number): AssignedLiteral | null {
  const rest = line.slice(start);
  if (interpolation.test(rest.slice(0, 3)) || variableStart.test(rest) || isExpression(rest)) return null;
  let end = start;
  while (end < line.length && !/[\s"'`]/.test(line[end] ?? "")) end++;
  const value = withoutTrailingSeparators(line.slice(start, end));
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return null; // a URL: its password, if any, is secrets/url-password's
  if (concatenation.test(line.slice(skipSpaces(line, end)))) return null;
  return { start, value };
}

/** `a;` in `Password=a;Host=b`, `a}` in `{password: a}`: separators and closers that end a bare value are not in it. */
function withoutTrailingSeparators(value: string): string {
  let end = value.length;
  for (;;) {
    const last = value[end - 1] ?? "";
    const opener = { ")": "(", "]": "[", "}": "{" }[last];
    if (last === "," || last === ";") end--;
    else if (opener !== undefined && !value.slice(0, end - 1).includes(opener)) end--;
    else return value.slice(0, end);
  }
}

/**
 * A call, an index or a member chain that ends the statement: `getenv("X")`, `cfg.Section("x").String()`,
 * `os.environ["X"]`, `process.env.API_KEY;`. A dotted chain counts only when every part is word-like, so
 * `auth.acme.com` is a name but `ya29.a0AfH6SM…` is a token.
 */
function isExpression(text: string): boolean {
  const head = identifier.exec(text);
  if (head === null) return false;
  let index = head[0].length;
  const parts = [head[0].replace(/^(?:new|await|yield)\s+/, "")];
  let calls = 0;
  for (;;) {
    const member = memberAccess.exec(text.slice(index));
    if (member !== null) {
      parts.push(member[0].replace(/^\W+/, ""));
      index += member[0].length;
      continue;
    }
    const bracket = text[index];
    if (bracket === "(" || bracket === "[") {
      const close = matchingBracket(text, index);
      if (close === -1) return true; // a call whose arguments continue on the next line
      calls++;
      index = close + 1;
      continue;
    }
    break;
  }
  const after = text.slice(skipSpaces(text, index));
  const ends = statementEnd.test(after) || joiningOperator.test(after);
  if (!ends) return false;
  return calls > 0 || (parts.length > 1 && parts.every((part) => wordLike.test(part)));
}

/** The index of the bracket closing the one at `open`, skipping string literals; -1 when the line ends first. */
function matchingBracket(text: string, open: number): number {
  const closers: string[] = [];
  for (let index = open; index < text.length; index++) {
    const character = text[index] ?? "";
    if (quotes.has(character)) {
      index = closingQuote(text, index);
      continue;
    }
    if (character === "(") closers.push(")");
    else if (character === "[") closers.push("]");
    else if (character === "{") closers.push("}");
    else if (character === closers[closers.length - 1]) {
      closers.pop();
      if (closers.length === 0) return index;
    }
  }
  return -1;
}

function interpolates(content: string, span: QuotedSpan): boolean {
  return interpolation.test(content) || (span.formatted && /\{[^}]*\}/.test(content));
}

function skipSpaces(line: string, from: number): number {
  let index = from;
  while (index < line.length && /\s/.test(line[index] ?? "")) index++;
  return index;
}

/** Is the assignment a statement of code: a declaration before the name, or an operator config files never use? */
export function isCodeStatement(beforeName: string, operator: string): boolean {
  if (operator === ":=" || operator === "==" || operator === "===") return true;
  return /(?:^|[\s;{(])(?:const|let|var|val|final|auto|def|local|my|our|static|private|public|protected|readonly)\s+(?:[\w<>[\]?,.*&]+\s+)*$/.test(beforeName);
}
