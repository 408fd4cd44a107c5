import { describe, expect, it } from "vitest";
import { keyHints } from "../src/tui/components/Footer.js";
import { columns, fit, truncate, wrap } from "../src/tui/text.js";

describe("fitting the review to the terminal", () => {
  it("keeps the key hints within the width, always with ? help and q quit", () => {
    for (const width of [40, 80, 120]) {
      const hints = keyHints(width);
      expect(columns(hints)).toBeLessThanOrEqual(Math.max(width, columns("? help  q quit")));
      expect(hints.endsWith("? help  q quit")).toBe(true);
    }
    expect(keyHints(80)).toContain("w waive");
    expect(keyHints(200)).toContain("r rerun");
  });

  it("measures wide characters as two columns when cutting, padding and wrapping", () => {
    const name = "ConfigMap shop/設定ファイル-web";
    expect(columns("設定")).toBe(4);
    expect(columns(truncate(name, 20))).toBeLessThanOrEqual(20);
    expect(truncate(name, 20).endsWith("…")).toBe(true);
    expect(columns(fit(name, 40))).toBe(40);
    expect(columns(fit(name, 12))).toBe(12);
    for (const line of wrap(`${name} ${name}`, 16)) expect(columns(line)).toBeLessThanOrEqual(16);
    expect(wrap("one\n\ntwo", 10)).toEqual(["one", "", "two"]);
  });
});
