// Offsets ↔ line:column, and JSON pointer ↔ YAML node, so every finding can point at file:line:column.
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from "yaml";

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
export function lineColumnOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** RFC 6901: "" is the whole document, "/" the key "" (a pointer without a leading "/" is read as if it had one). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function segmentsToPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => "/" + String(segment).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** A node found for a pointer: the key (for map entries) and the value node. */
export interface NodeMatch {
  /** The node whose position a finding should show: the key of a map entry, else the value. */
  anchor: Node;
  value: Node | null;
  /** Number of pointer segments matched; less than the pointer's length when the field is missing. */
  depth: number;
}

/**
 * Walks a YAML document along pointer segments. A segment chooses a map key, or a sequence item
 * by index — or by `name` when `itemNames` gives the name the rendered object has at that index
 * (lists merged by name, such as containers, keep their names across patches).
 */
export function findNode(
  document: Document.Parsed,
  segments: readonly string[],
  itemNames: readonly (string | null)[] = [],
): NodeMatch | null {
  let current: Node | null = (document.contents as Node | null) ?? null;
  if (current === null) return null;
  let anchor: Node = current;
  let depth = 0;
  for (const [index, segment] of segments.entries()) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === segment) as
        | Pair<Node, Node | null>
        | undefined;
      if (pair === undefined) break;
      anchor = pair.key;
      current = pair.value ?? null;
    } else if (isSeq(current)) {
      const wanted = itemNames[index] ?? null;
      const item: unknown =
        wanted !== null
          ? current.items.find((entry) => isMap(entry) && entry.get("name") === wanted)
          : current.items[Number(segment)];
      if (item === undefined || item === null || isPair(item)) break;
      anchor = item as Node;
      current = item as Node;
    } else {
      break;
    }
    depth = index + 1;
    if (current === null) break;
  }
  return { anchor, value: depth === segments.length ? current : null, depth };
}

/** Range [start, end) of a node in its file. */
export function nodeRange(node: Node): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], range[1]];
}
