// Outlines: where each node of a YAML document is written, without its syntax tree — ranges of mappings (with each
// scalar key's range), sequences and scalars. Kept with the parse cache, so locating a finding in a file that did not
// change reads its outline instead of parsing the file again.
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";

export interface Outline {
  /** [start, end) of the node in the file. */
  r: [number, number];
  /** A mapping's entries with scalar keys: key text, key start, key end, the value's outline (null when empty). */
  m?: [string, number, number, Outline | null][];
  /** A sequence's items (null for a pair in a flow sequence). */
  s?: (Outline | null)[];
  /** A mapping's `name` when it is a string: sequence items are matched by name, as lists merged by name are. */
  n?: string;
}

/** The outline of each document of a file (null for an empty document). */
export function outlinesOf(documents: readonly Document.Parsed[]): (Outline | null)[] {
  return documents.map((document) => (document.contents === null ? null : outlineOf(document.contents as Node)));
}

function outlineOf(node: Node): Outline {
  const range = node.range ?? [0, 0, 0];
  const outline: Outline = { r: [range[0], range[1]] };
  if (isMap(node)) {
    outline.m = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const keyRange = pair.key.range ?? [0, 0, 0];
      outline.m.push([String(pair.key.value), keyRange[0], keyRange[1], pair.value === null || pair.value === undefined ? null : outlineOf(pair.value as Node)]);
      if (outline.n === undefined && pair.key.value === "name" && isScalar(pair.value) && typeof pair.value.value === "string") outline.n = pair.value.value;
    }
  } else if (isSeq(node)) {
    outline.s = node.items.map((item) => (isPair(item) || item === null ? null : outlineOf(item as Node)));
  }
  return outline;
}

/**
 * The range a finding at these pointer segments shows, as findNode's anchor: the key of a mapping entry, else the
 * item; as deep as the outline goes. A sequence segment picks the item named in `itemNames` when one is given.
 */
export function anchorIn(outline: Outline, segments: readonly string[], itemNames: readonly (string | null)[] = []): [number, number] {
  let current: Outline | null = outline;
  let anchor = outline.r;
  for (const [index, segment] of segments.entries()) {
    if (current.m !== undefined) {
      const entry: [string, number, number, Outline | null] | undefined = current.m.find((candidate) => candidate[0] === segment);
      if (entry === undefined) break;
      anchor = [entry[1], entry[2]];
      current = entry[3];
    } else if (current.s !== undefined) {
      const wanted = itemNames[index] ?? null;
      const item: Outline | null | undefined = wanted !== null ? current.s.find((candidate) => candidate?.n === wanted) : current.s[Number(segment)];
      if (item === undefined || item === null) break;
      anchor = item.r;
      current = item;
    } else {
      break;
    }
    if (current === null) break;
  }
  return anchor;
}
