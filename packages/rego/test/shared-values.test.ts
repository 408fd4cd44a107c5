// Rules that depend on data only are evaluated once per data document and shared by every input evaluated against
// it; rules that read the input, use `with` or call a per-evaluation builtin are evaluated each time.
import { describe, expect, it } from "vitest";
import { compile, type Policy } from "../src/index.js";
import { regoErrorOf } from "./rego-error.js";

const source = `package index

import rego.v1

# an index over the whole data document: expensive, the same for every input
names := {name | some item in data.items; name := item.name}

known if input.name in names

# reads the input: its own value per evaluation
mine := {name | some item in data.items; item.owner == input.owner; name := item.name}

owned if input.name in mine

clock := {"at": time.now_ns(), "names": names}

replaced := r if {
	r := names with data.items as [{"name": "x"}]
}
`;

const items = Array.from({ length: 2000 }, (_, index) => ({ name: `item-${index}`, owner: index % 2 === 0 ? "a" : "b" }));
const tight = { limits: { maxSteps: 500 } };

function policyWith(): Policy {
  return compile({ modules: [{ file: "index.rego", source }] });
}

describe("values shared across evaluations", () => {
  it("evaluates a data-only rule once for the inputs of one data document", () => {
    const policy = policyWith();
    const data = { items };
    expect(policy.evalRef("data.index.known", { name: "item-7" }, { data })).toBe(true);
    // the index costs thousands of steps; with the same data it is not evaluated again
    expect(policy.evalRef("data.index.known", { name: "item-8" }, { data, ...tight })).toBe(true);
    expect(policy.evalRef("data.index.known", { name: "other" }, { data, ...tight })).toBeUndefined();
    // another data document (even an equal one) has its own values
    expect(regoErrorOf(() => policy.evalRef("data.index.known", { name: "item-7" }, { data: { items }, ...tight })).code).toBe("eval_limit_error");
  });

  it("evaluates rules that read the input, use with, or read the clock each time", () => {
    const policy = policyWith();
    const data = { items };
    expect(policy.evalRef("data.index.owned", { name: "item-2", owner: "a" }, { data })).toBe(true);
    expect(policy.evalRef("data.index.owned", { name: "item-2", owner: "b" }, { data })).toBeUndefined();
    expect(regoErrorOf(() => policy.evalRef("data.index.owned", { name: "item-3", owner: "b" }, { data, ...tight })).code).toBe("eval_limit_error");
    expect(policy.evalRef("data.index.replaced", undefined, { data })).toEqual(["x"]);
    const first = policy.evalRef("data.index.clock", undefined, { data }) as { at: number };
    const later = policy.evalRef("data.index.clock", undefined, { data }) as { at: number };
    expect(later.at).toBeGreaterThanOrEqual(first.at);
    expect(regoErrorOf(() => policy.evalRef("data.index.clock", undefined, { data: { items }, ...tight })).code).toBe("eval_limit_error");
  });

  it("does not share values into an evaluation that replaces data with `with`", () => {
    const policy = policyWith();
    const data = { items };
    expect(policy.evalRef("data.index.known", { name: "item-1" }, { data })).toBe(true);
    const rows = policy.evaluate('data.index.known with data.items as [{"name": "fresh"}]', { input: { name: "fresh" }, data });
    expect(rows.map((row) => row.expressions[0]?.value)).toEqual([true]);
    const missing = policy.evaluate('data.index.known with data.items as [{"name": "fresh"}]', { input: { name: "item-1" }, data });
    expect(missing).toEqual([]);
  });
});
