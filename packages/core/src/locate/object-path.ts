// Walking plain JSON values along pointer segments.
import { isObject } from "../render/resource.js";

/** The value at the segments, or undefined when the path does not exist. */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** How many leading segments exist in the value. */
export function existingDepth(value: unknown, segments: readonly string[]): number {
  let current: unknown = value;
  for (const [index, segment] of segments.entries()) {
    if (Array.isArray(current) && /^\d+$/.test(segment) && Number(segment) < current.length) current = current[Number(segment)];
    else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else return index;
  }
  return segments.length;
}

/**
 * For each segment that indexes a list, the `name` of that item in the value (lists such as
 * containers, volumes and ports are merged by name, so names survive patches); else null.
 */
export function itemNamesAlong(value: unknown, segments: readonly string[]): (string | null)[] {
  const names: (string | null)[] = [];
  let current: unknown = value;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const item: unknown = current[Number(segment)];
      names.push(isObject(item) && typeof item["name"] === "string" ? item["name"] : null);
      current = item;
    } else {
      names.push(null);
      current = isObject(current) ? current[segment] : undefined;
    }
  }
  return names;
}
