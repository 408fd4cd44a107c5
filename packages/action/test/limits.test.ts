// GitHub's size limits: the last-resort cut keeps whole lines and a note, in characters or in UTF-8 bytes.
import { describe, expect, it } from "vitest";
import { bytes, characters, clip, fitted } from "../src/limits.js";

describe("clip", () => {
  it("leaves text that fits unchanged", () => {
    expect(clip("a\nb\n", 4, characters)).toBe("a\nb\n");
  });

  it("keeps whole lines and adds a note, within the limit", () => {
    const text = Array.from({ length: 100 }, (_, index) => `line ${index}`).join("\n");
    const clipped = clip(text, 400, characters);
    expect(clipped.length).toBeLessThanOrEqual(400);
    expect(clipped).toMatch(/^line 0\nline 1\n/);
    expect(clipped).toContain("✂️ Truncated to stay within GitHub's limit (400 characters)");
    const kept = clipped.split("\n").filter((line) => line.startsWith("line "));
    expect(kept.every((line, index) => line === `line ${index}`)).toBe(true);
  });

  it("measures bytes: multi-byte text is cut earlier than its character count suggests", () => {
    const text = Array.from({ length: 100 }, () => "🔴 ⚠️ é".repeat(10)).join("\n");
    const clipped = clip(text, 2000, bytes);
    expect(Buffer.byteLength(clipped)).toBeLessThanOrEqual(2000);
    expect(clipped).toContain("(2000 bytes)");
    expect(clipped.length).toBeLessThan(2000);
  });
});

describe("fitted", () => {
  it("renders once when the report fits", () => {
    const budgets: number[] = [];
    const text = fitted((budget) => (budgets.push(budget), "short"), 100, bytes);
    expect(text).toBe("short");
    expect(budgets).toEqual([100]);
  });

  it("renders again with a smaller budget when the bytes exceed the limit", () => {
    const budgets: number[] = [];
    // A formatter that honours its budget in characters, with 4-byte characters.
    const render = (budget: number): string => (budgets.push(budget), "😀".repeat(Math.floor(budget / 2)));
    const text = fitted(render, 40_000, bytes);
    expect(budgets).toHaveLength(2);
    expect(budgets[1]).toBeLessThan(budgets[0] ?? 0);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(40_000);
    expect(text).not.toContain("Truncated");
  });
});
