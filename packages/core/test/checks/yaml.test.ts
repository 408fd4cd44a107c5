import { describe, expect, it } from "vitest";
import { duplicateKey } from "../../src/checks/yaml/duplicate-key.js";
import { parseError } from "../../src/checks/yaml/parse-error.js";
import { skippedFile } from "../../src/checks/yaml/skipped-file.js";
import { findingsOf } from "../rule-tester.js";

describe("yaml/parse-error", () => {
  it("reports malformed YAML at its line and column, once, without an environment", async () => {
    const found = await findingsOf(parseError, {
      files: { "app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: [1, 2\n" },
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: "yaml/parse-error", env: null });
    expect(found[0]?.at).toMatch(/^app\.yaml:[56]:\d+$/);
    expect(found[0]?.message).toMatch(/^invalid YAML: /);
  });

  it("accepts valid multi-document YAML", async () => {
    const found = await findingsOf(parseError, {
      files: { "app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n" },
    });
    expect(found).toEqual([]);
  });

  it("leaves duplicate keys to yaml/duplicate-key", async () => {
    const found = await findingsOf(parseError, { files: { "a.yaml": "a: 1\na: 2\n" } });
    expect(found).toEqual([]);
  });
});

describe("yaml/duplicate-key", () => {
  it("reports the second occurrence of the key", async () => {
    const found = await findingsOf(duplicateKey, {
      files: { "q.yaml": "spec:\n  hard:\n    cpu: '1'\n    requests.memory: 1Gi\n    requests.memory: 2Gi\n" },
    });
    expect(found).toEqual([
      { rule: "yaml/duplicate-key", env: null, at: "q.yaml:5:5", message: 'duplicate key "requests.memory" in this mapping' },
    ]);
  });

  it("accepts the same key in different mappings", async () => {
    const found = await findingsOf(duplicateKey, { files: { "a.yaml": "a:\n  name: x\nb:\n  name: y\n" } });
    expect(found).toEqual([]);
  });
});

describe("yaml/skipped-file", () => {
  it("reports a binary file with a YAML name as a warning and does not parse it", async () => {
    const found = await findingsOf(skippedFile, { files: { "blob.yaml": "kind: " + "\u0000\u0001\u0002\u0003".repeat(8) + "binary" } });
    expect(found).toEqual([{ rule: "yaml/skipped-file", env: null, at: "blob.yaml:1:1", message: "not checked: it is binary" }]);
  });
});
