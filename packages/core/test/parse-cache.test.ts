// The parse cache and on-demand syntax trees: a second load serves the same values and errors from the cache, files
// with errors or values JSON cannot hold are parsed every time, a changed text is parsed again, and only a bounded
// number of files keep their syntax trees.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { documentsOf, retainedTrees } from "../src/repo/documents.js";
import { loadRepo } from "../src/repo/load.js";
import { anchorIn, outlinesOf } from "../src/repo/outline.js";
import { exactJson } from "../src/repo/parse-cache.js";
import { findNode, nodeRange } from "../src/repo/positions.js";
import { parseYaml } from "../src/repo/yaml-budget.js";
import { cacheRoot } from "../src/schemas/cache.js";
import { writeRepo, type TempRepo } from "../../../test/support/temp-repo.js";

const files = {
  "web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cached-web\ndata:\n  mode: \"0755\"\n  octal: 0755\n  on: yes\n---\n# empty\n",
  "broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cached-broken\n  name: again\n",
  "numbers.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cached-numbers\ndata:\n  big: .inf\n  minus: -0.0\n",
  "notes.txt": "not yaml: {\n",
};

let repo: TempRepo | null = null;
afterEach(() => {
  repo?.remove();
  repo = null;
});

/** The pack lines (entries) that hold `marker`: other test files share the cache folder. */
function entriesWith(marker: string): string[] {
  const folder = path.join(cacheRoot(), "parsed");
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => readFileSync(path.join(folder, name), "utf8").split("\n")).filter((line) => line.includes(marker));
}

/** The pack files that hold `marker`. */
function packsWith(marker: string): string[] {
  const folder = path.join(cacheRoot(), "parsed");
  return readdirSync(folder)
    .map((name) => path.join(folder, name))
    .filter((file) => readFileSync(file, "utf8").includes(marker));
}

describe("parse cache", () => {
  it("serves the values and errors of the first load, and parses again only the files it cannot hold", async () => {
    repo = writeRepo(files);
    const first = await loadRepo(repo.root);
    expect(entriesWith('"cached-web"')).toHaveLength(1);
    expect(entriesWith('"cached-broken"')).toHaveLength(0); // a duplicate key is an error: never cached
    expect(entriesWith('"cached-numbers"')).toHaveLength(0); // .inf and -0 do not survive JSON
    const second = await loadRepo(repo.root);
    for (const name of ["web.yaml", "broken.yaml", "numbers.yaml", "notes.txt"]) {
      const [before, after] = [first.files.get(name), second.files.get(name)];
      expect(after?.values, name).toEqual(before?.values);
      expect(after?.errors.map((errors) => errors.map((error) => error.code)), name).toEqual(before?.errors.map((errors) => errors.map((error) => error.code)));
      expect(after?.lineStarts, name).toEqual(before?.lineStarts);
    }
    expect(second.files.get("web.yaml")?.values).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cached-web" }, data: { mode: "0755", octal: 493, true: true } }, null]);
    expect(Object.is((second.files.get("numbers.yaml")?.values[0] as { data: { minus: number } }).data.minus, -0)).toBe(true);
    // positions still come from a syntax tree parsed on demand
    expect(second.files.get("web.yaml")?.documents[0]?.contents?.range?.[0]).toBe(0);
  });

  it("serves each document's identity beside its values", async () => {
    repo = writeRepo({
      "objects.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: identity-marker\n  namespace: shop\n---\nkind: NoApiVersion\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: 7}\n---\n- a list\n",
    });
    const expected = [{ apiVersion: "v1", kind: "ConfigMap", name: "identity-marker", namespace: "shop" }, null, { apiVersion: "apps/v1", kind: "Deployment", name: null, namespace: null }, null];
    const first = await loadRepo(repo.root);
    expect(first.files.get("objects.yaml")?.identities).toEqual(expected);
    expect(entriesWith("identity-marker")).toHaveLength(1);
    const second = await loadRepo(repo.root);
    // a served file's documents are counted from its identities: its values are not parsed for its (empty) errors
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(second.files.get("objects.yaml")?.errors).toEqual([[], [], [], []]);
      expect(parse.mock.calls.filter(([json]) => String(json).includes('"metadata"'))).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    expect(second.files.get("objects.yaml")?.identities).toEqual(expected);
  });

  it("parses a changed text again and keeps only the folder's current files", async () => {
    repo = writeRepo({ "web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first-marker\n" });
    await loadRepo(repo.root);
    writeFileSync(path.join(repo.root, "web.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second-marker\n");
    const loaded = await loadRepo(repo.root);
    expect((loaded.files.get("web.yaml")?.values[0] as { metadata: { name: string } }).metadata.name).toBe("second-marker");
    expect(entriesWith("first-marker")).toHaveLength(0);
    expect(entriesWith("second-marker")).toHaveLength(1);
  });

  it("leaves a large pack as it is when a run parsed only a few files anew, and rewrites it when more changed", async () => {
    const manifest = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    const texts = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`cm-${String(index).padStart(3, "0")}.yaml`, manifest(`kept-pack-${index}-marker`)]));
    repo = writeRepo(texts);
    await loadRepo(repo.root);
    const [pack] = packsWith("kept-pack-0-marker");
    if (pack === undefined) throw new Error("no pack written");
    const written = readFileSync(pack, "utf8");
    writeFileSync(path.join(repo.root, "cm-007.yaml"), manifest("one-change-marker"));
    const once = await loadRepo(repo.root);
    expect(readFileSync(pack, "utf8")).toBe(written); // one file parsed anew: not worth copying 200 entries for
    expect(once.files.get("cm-007.yaml")?.values).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one-change-marker" } }]);
    expect(once.files.get("cm-007.yaml")?.outlines).toEqual(JSON.parse(JSON.stringify(outlinesOf(parseYaml(manifest("one-change-marker"))))));
    const again = await loadRepo(repo.root); // the change is parsed again, from a pack still as it was
    expect(again.files.get("cm-007.yaml")?.values).toEqual(once.files.get("cm-007.yaml")?.values);
    for (let index = 10; index < 19; index++) writeFileSync(path.join(repo.root, `cm-0${index}.yaml`), manifest(`many-changes-${index}-marker`));
    await loadRepo(repo.root);
    expect(entriesWith("many-changes-")).toHaveLength(9);
    expect(entriesWith("one-change-marker")).toHaveLength(1);
    expect(entriesWith("kept-pack-7-marker")).toHaveLength(0);
    expect(entriesWith("kept-pack-10-marker")).toHaveLength(0);
    expect(entriesWith("kept-pack-0-marker")).toHaveLength(1);
  });

  it("is off with MERGEGATE_PARSE_CACHE=off", async () => {
    repo = writeRepo({ "web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: off-marker\n" });
    process.env["MERGEGATE_PARSE_CACHE"] = "off";
    try {
      await loadRepo(repo.root);
    } finally {
      delete process.env["MERGEGATE_PARSE_CACHE"];
    }
    expect(entriesWith("off-marker")).toHaveLength(0);
  });

  it("holds only values JSON gives back exactly", () => {
    expect(exactJson([{ a: [1, "x", true, null] }, null])).toBe('[{"a":[1,"x",true,null]},null]');
    for (const inexact of [Number.NaN, Number.POSITIVE_INFINITY, -0, new Uint8Array([1]), new Map(), undefined, JSON.parse('{"__proto__": 1}')]) {
      expect(exactJson([{ value: inexact }])).toBeNull();
    }
  });
});

describe("outlines", () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  template:
    spec:
      containers:
      - name: sidecar
        image: proxy:1
      - name: web
        image: web:1
        ports: [{containerPort: 80}, 81]
      volumes: []
---
---
list: [a: 1, b]
`;
  const documents = parseYaml(text);
  const outlines = outlinesOf(documents);
  const cases: [number, string[], (string | null)[]][] = [
    [0, [], []],
    [0, ["kind"], []],
    [0, ["metadata", "labels", "app"], []],
    [0, ["spec", "template", "spec", "containers", "1", "image"], []],
    [0, ["spec", "template", "spec", "containers", "0", "image"], [null, null, null, null, "web", null]],
    [0, ["spec", "template", "spec", "containers", "1", "ports", "0", "containerPort"], []],
    [0, ["spec", "template", "spec", "containers", "1", "ports", "1"], []],
    [0, ["spec", "template", "spec", "containers", "7", "image"], []],
    [0, ["spec", "template", "spec", "missing", "field"], []],
    [0, ["spec", "template", "spec", "volumes", "0"], []],
    [2, ["list", "0"], []],
    [2, ["list", "1"], []],
  ];
  it("put a finding where the syntax tree does", () => {
    expect(outlines[1]?.r).toEqual(nodeRange(documents[1]?.contents as Parameters<typeof nodeRange>[0])); // an empty document: its null scalar
    for (const [index, segments, names] of cases) {
      const match = findNode(documents[index] as (typeof documents)[number], segments, names);
      const outline = outlines[index];
      expect(outline, segments.join("/")).not.toBeNull();
      if (match === null || outline === null || outline === undefined) continue;
      expect(anchorIn(outline, segments, names), segments.join("/")).toEqual(nodeRange(match.anchor));
    }
  });

  it("come back from the parse cache with the file, in the run that parsed it as in the next", async () => {
    repo = writeRepo({ "web.yaml": text });
    const first = await loadRepo(repo.root);
    expect(first.files.get("web.yaml")?.outlines).toEqual(JSON.parse(JSON.stringify(outlines)));
    const second = await loadRepo(repo.root);
    expect(second.files.get("web.yaml")?.outlines).toEqual(JSON.parse(JSON.stringify(outlines)));
  });

  it("are read from the pack when used, and survive a rewrite of the pack byte for byte", async () => {
    const first = "kind: ConfigMap\nmetadata: {name: first-file}\n";
    repo = writeRepo({ "a-first.yaml": first, "web.yaml": text, "other.yaml": "kind: ConfigMap\nmetadata: {name: rewrite-marker}\n" });
    await loadRepo(repo.root);
    const rewritten = "kind: ConfigMap\nmetadata: {name: rewritten-marker}\n";
    writeFileSync(path.join(repo.root, "other.yaml"), rewritten);
    // the new pack starts at other.yaml: a-first.yaml's entry is copied then, web.yaml's when it is looked up
    const second = await loadRepo(repo.root);
    expect(entriesWith("rewritten-marker")).toHaveLength(1);
    expect(entriesWith("rewrite-marker")).toHaveLength(0);
    const firstOutlines = JSON.parse(JSON.stringify(outlinesOf(parseYaml(first))));
    for (const loaded of [second, await loadRepo(repo.root)]) {
      expect(loaded.files.get("a-first.yaml")?.outlines).toEqual(firstOutlines);
      expect(loaded.files.get("web.yaml")?.outlines).toEqual(JSON.parse(JSON.stringify(outlines)));
      expect(loaded.files.get("other.yaml")?.outlines).toEqual(JSON.parse(JSON.stringify(outlinesOf(parseYaml(rewritten)))));
    }
  });

  it("are missing, not wrong, when another run replaced the pack since it was read: the file is parsed to locate", async () => {
    repo = writeRepo({ "web.yaml": text.replace("name: web,", "name: lost-pack-marker,") });
    await loadRepo(repo.root);
    const loaded = await loadRepo(repo.root);
    const [pack] = packsWith("lost-pack-marker");
    if (pack === undefined) throw new Error("no pack holds web.yaml");
    writeFileSync(pack, readFileSync(pack, "utf8").replace(/^(.*\n)/, "$1\n")); // every entry one byte further
    const file = loaded.files.get("web.yaml");
    expect(file?.values[0]).toMatchObject({ kind: "Deployment" });
    expect(file?.outlines).toBeUndefined();
    expect(file?.documents[0]?.contents?.range?.[0]).toBe(0);
  });
});

describe("syntax trees on demand", () => {
  it("keeps the trees of the files used last only", () => {
    const owners = Array.from({ length: retainedTrees + 1 }, () => ({}));
    const first = documentsOf(owners[0] as object, "a: 1\n");
    expect(documentsOf(owners[0] as object, "a: 1\n")).toBe(first);
    for (const owner of owners.slice(1)) documentsOf(owner, "b: 2\n");
    const again = documentsOf(owners[0] as object, "a: 1\n");
    expect(again).not.toBe(first);
    expect(again[0]?.toJS()).toEqual({ a: 1 });
  });
});
