// A compiled policy read back from its bytes (the cache of the built-in library) evaluates as the policy it was
// made from, literals the compiler turned into Rego values (sets, objects, numbers written non-canonically) included.
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { compile, Policy } from "../src/index.js";

const source = `package p
kinds := {"Deployment", "StatefulSet"}
limits := {"cpu": {1, 2}, "memory": [{"a": 1.0}]}
ratio := 1.0
written := json.marshal([ratio, 2.50, limits])
deny contains msg if {
  kinds[input.kind]
  not limits.cpu[input.cpu]
  msg := sprintf("%s %v", [input.kind, ratio]) # a float64 for sprintf, as in OPA: "1"
}
`;

describe("Policy.toBytes / Policy.fromBytes", () => {
  const policy = compile({ modules: [{ file: "p.rego", source }] });
  const restored = Policy.fromBytes(policy.toBytes());

  it("evaluates every rule as the compiled policy does", () => {
    expect(restored).not.toBeNull();
    for (const input of [{ kind: "Deployment", cpu: 3 }, { kind: "Deployment", cpu: 1 }, { kind: "Service" }]) {
      for (const ref of ["data.p.kinds", "data.p.limits", "data.p.written", "data.p.deny"]) {
        expect(restored?.evalRef(ref, input), `${ref} on ${JSON.stringify(input)}`).toEqual(policy.evalRef(ref, input));
      }
    }
    expect(restored?.evalRef("data.p.written", {})).toBe('[1.0,2.50,{"cpu":[1,2],"memory":[{"a":1.0}]}]');
    expect(restored?.evalRef("data.p.deny", { kind: "Deployment", cpu: 3 })).toEqual(["Deployment 1"]);
  });

  it("reads bytes that are not a compiled policy as null", () => {
    expect(Policy.fromBytes(serialize({ compiled: { modules: [] }, instances: [] }))).toBeNull();
    expect(Policy.fromBytes(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
