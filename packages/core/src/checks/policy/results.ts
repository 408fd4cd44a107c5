// A policy rule's results as findings' parts: message, JSON pointer and severity, from strings or {msg, details} objects.
import type { JSONValue } from "@mergegate/rego";
import type { Severity } from "../../types.js";

export interface PolicyResult {
  message: string;
  /** JSON pointer from details.path (or path): a pointer string or a list of segments; "" for the whole object. */
  pointer: string;
  severity: Severity | null;
}

const severities = new Set(["error", "warning", "info"]);

/** The results of one rule: a set (array) of messages, or one message for complete rules. */
export function resultsOf(value: JSONValue | undefined): PolicyResult[] {
  if (value === undefined || value === null || value === false) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    const result = resultOf(item);
    return result === null ? [] : [result];
  });
}

function resultOf(item: JSONValue): PolicyResult | null {
  if (typeof item === "string") return { message: item, pointer: "", severity: null };
  if (typeof item !== "object" || item === null || Array.isArray(item)) return item === true ? { message: "denied", pointer: "", severity: null } : null;
  const message = typeof item["msg"] === "string" ? item["msg"] : JSON.stringify(item);
  const details = item["details"];
  const path = typeof details === "object" && details !== null && !Array.isArray(details) && details["path"] !== undefined ? details["path"] : item["path"];
  const severity = typeof item["severity"] === "string" && severities.has(item["severity"]) ? (item["severity"] as Severity) : null;
  return { message, pointer: pointerOf(path), severity };
}

export function pointerOf(path: JSONValue | undefined): string {
  if (typeof path === "string") return path === "" || path.startsWith("/") ? path : `/${path.split(".").join("/")}`;
  if (Array.isArray(path)) return path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
  return "";
}
