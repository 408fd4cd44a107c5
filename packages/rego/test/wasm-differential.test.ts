// Builds real policies with `opa build -t wasm` and compares the compiled bundle with the interpreter (needs `opa` on PATH).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBundle, compile, findOpa, loadBundle } from "../src/index.js";

const opa = findOpa();
if (!opa) console.warn("skipping the OPA-Wasm differential test: the `opa` binary is not on PATH");

const source = `package example

import rego.v1

deny contains msg if {
  some container in input.containers
  endswith(container.image, ":latest")
  msg := sprintf("%s uses the latest tag", [container.name])
}

too_much_memory contains container.name if {
  some container in input.containers
  units.parse_bytes(container.memory) > data.limits.memory
}

allow if count(deny) == 0
`;

const inputs = [
  { containers: [{ name: "web", image: "nginx:latest", memory: "2Gi" }] },
  { containers: [{ name: "api", image: "api:1.2", memory: "256Mi" }, { name: "db", image: "pg:latest", memory: "8G" }] },
  { containers: [] },
];

describe.runIf(opa)("compiled OPA-Wasm bundles agree with the interpreter", () => {
  it("evaluates every entrypoint identically", async () => {
    const directory = mkdtempSync(join(tmpdir(), "mergegate-wasm-"));
    const data = { limits: { memory: 1024 ** 3 } };
    writeFileSync(join(directory, "policy.rego"), source);
    writeFileSync(join(directory, "data.json"), JSON.stringify(data));
    const entrypoints = ["example/deny", "example/too_much_memory", "example/allow"];
    const bundle = await buildBundle(directory, { entrypoints, cacheDir: join(directory, ".cache") });
    expect(await buildBundle(directory, { entrypoints, cacheDir: join(directory, ".cache") })).toBe(bundle);
    const compiled = await loadBundle(bundle);
    const interpreted = compile({ modules: [{ file: "policy.rego", source }], data });
    for (const input of inputs) {
      for (const entrypoint of entrypoints) {
        const ref = `data.${entrypoint.replace(/\//g, ".")}`;
        expect(compiled.evalRef(ref, input), `${ref} for ${JSON.stringify(input)}`).toEqual(interpreted.evalRef(ref, input));
      }
    }
  }, 60_000);
});
