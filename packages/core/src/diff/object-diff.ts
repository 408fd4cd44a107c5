// Field-level differences between two versions of one object, as JSON pointers with before and after.
import { isObject } from "../render/resource.js";
import { segmentsToPointer } from "../repo/positions.js";

export interface FieldChange {
  path: string;
  /** null when the field is added. */
  before: unknown;
  /** null when the field is removed. */
  after: unknown;
}

export function diffObjects(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(before: unknown, after: unknown, segments: (string | number)[], changes: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (!(key in after)) changes.push({ path: segmentsToPointer([...segments, key]), before: before[key], after: null });
      else if (!(key in before)) changes.push({ path: segmentsToPointer([...segments, key]), before: null, after: after[key] });
      else walk(before[key], after[key], [...segments, key], changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      if (index >= after.length) changes.push({ path: segmentsToPointer([...segments, index]), before: before[index], after: null });
      else if (index >= before.length) changes.push({ path: segmentsToPointer([...segments, index]), before: null, after: after[index] });
      else walk(before[index], after[index], [...segments, index], changes);
    }
    return;
  }
  if (!sameValue(before, after)) changes.push({ path: segmentsToPointer(segments), before, after });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
