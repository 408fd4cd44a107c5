// A line diff (Myers' O(ND) shortest edit script) and its unified hunks, as `diff -u` prints them. Bounded: past
// `maxEdits` differences the differing middle is shown as removed then added, so a huge rewrite costs linear time.

export type LineEdit = { op: " " | "-" | "+"; text: string };

export interface Hunk {
  /** 1-based first line on each side (0 when that side has no line in the hunk), and the lines each side has. */
  baseStart: number;
  baseLength: number;
  headStart: number;
  headLength: number;
  lines: LineEdit[];
}

const maxEdits = 1000;

export function diffLines(base: readonly string[], head: readonly string[]): LineEdit[] {
  let prefix = 0;
  while (prefix < base.length && prefix < head.length && base[prefix] === head[prefix]) prefix++;
  let suffix = 0;
  while (suffix < base.length - prefix && suffix < head.length - prefix && base[base.length - 1 - suffix] === head[head.length - 1 - suffix]) suffix++;
  const middle = myers(base.slice(prefix, base.length - suffix), head.slice(prefix, head.length - suffix));
  const same = (lines: readonly string[]): LineEdit[] => lines.map((text) => ({ op: " ", text }));
  return [...same(base.slice(0, prefix)), ...middle, ...same(base.slice(base.length - suffix))];
}

/** The shortest edit script from `a` to `b`, removals before additions where they touch. */
function myers(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  const whole = (): LineEdit[] => [...a.map((text) => ({ op: "-" as const, text })), ...b.map((text) => ({ op: "+" as const, text }))];
  if (n === 0 || m === 0) return whole();
  const offset = n + m;
  const frontier = new Int32Array(2 * offset + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxEdits); d++) {
    trace.push(frontier.slice(offset - d, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!);
      let x = down ? frontier[offset + k + 1]! : frontier[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return whole();
}

/** Walks the saved frontiers back from (n, m): trace[d] holds the frontier before step d, for diagonals -d…d+1. */
function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], steps: number): LineEdit[] {
  const edits: LineEdit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = steps; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX + (down ? 0 : 1) && y > previousY + (down ? 1 : 0)) edits.push({ op: " ", text: a[--x]! }), y--;
    if (down) edits.push({ op: "+", text: b[--y]! });
    else edits.push({ op: "-", text: a[--x]! });
  }
  while (x > 0 && y > 0) edits.push({ op: " ", text: a[--x]! }), y--;
  return edits.reverse();
}

/** The edits grouped into hunks with `context` unchanged lines around each change. */
export function hunks(edits: readonly LineEdit[], context = 3): Hunk[] {
  const changed = edits.flatMap((edit, index) => (edit.op === " " ? [] : [index]));
  const result: Hunk[] = [];
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index]! - context);
    let end = changed[index]!;
    while (index + 1 < changed.length && changed[index + 1]! - end <= 2 * context + 1) end = changed[++index]!;
    index++;
    const stop = Math.min(edits.length, end + context + 1);
    let baseLine = 1;
    let headLine = 1;
    for (const edit of edits.slice(0, start)) {
      if (edit.op !== "+") baseLine++;
      if (edit.op !== "-") headLine++;
    }
    const lines = edits.slice(start, stop);
    const baseLength = lines.filter((edit) => edit.op !== "+").length;
    const headLength = lines.filter((edit) => edit.op !== "-").length;
    result.push({ baseStart: baseLength === 0 ? baseLine - 1 : baseLine, baseLength, headStart: headLength === 0 ? headLine - 1 : headLine, headLength, lines });
  }
  return result;
}

/** `@@ -12,7 +12,8 @@` and the hunk's lines, each prefixed by its operation. */
export function hunkLines(hunk: Hunk): string[] {
  const range = (start: number, length: number): string => (length === 1 ? `${start}` : `${start},${length}`);
  return [`@@ -${range(hunk.baseStart, hunk.baseLength)} +${range(hunk.headStart, hunk.headLength)} @@`, ...hunk.lines.map((edit) => edit.op + edit.text)];
}
