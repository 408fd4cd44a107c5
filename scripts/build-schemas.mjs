// Builds shipped-schemas/: the Kubernetes releases and CRD sets the package ships, converted by the schema check's
// own converter (packages/core/dist, so run `npm run build` first) and gzipped, with index.json recording each
// file's upstream version, address and sha256; and merge-keys.json.gz, the render diff's table of keyed lists made
// from the same sources. Usage: node scripts/build-schemas.mjs [--from DIR]
// (default DIR: ../shared/k8s-schemas beside the repository, laid out as openapi-v2/… and crds/<set>/…).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { convertDocument } from "../packages/core/dist/schemas/openapi-source.js";
import { crdsInText } from "../packages/core/dist/schemas/crd-files.js";
import { crdVersions, customResourceSchema } from "../packages/core/dist/schemas/crd-source.js";
import { gvkKey } from "../packages/core/dist/schemas/api-groups.js";
import { crdFamilies, kubernetesSpecFile } from "../packages/core/dist/schemas/crd-families.js";
import { defaultKubernetesVersion, minorOf } from "../packages/core/dist/schemas/kubernetes-version.js";
import { mergeKeyTable } from "../packages/core/dist/schemas/merge-key-table.js";
import { mergeKeysFileName } from "../packages/core/dist/schemas/shipped.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fromFlag = process.argv.indexOf("--from");
const from = fromFlag === -1 ? path.resolve(root, "../shared/k8s-schemas") : path.resolve(process.argv[fromFlag + 1] ?? ".");
const out = path.join(root, "shipped-schemas");

/** Releases shipped: the default, the three before it and every newer one in the source folder. */
const oldestShipped = minorOf(defaultKubernetesVersion) - 3;

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const gzipJson = (value) => gzipSync(JSON.stringify(value), { level: 9 });

/** "owner/repo tag" of a raw.githubusercontent.com address. */
function upstreamOf(url) {
  const [owner, repository, tag] = new URL(url).pathname.split("/").slice(1, 4);
  return `${owner}/${repository} ${tag}`;
}

/** The sources' OpenAPI documents (oldest release first) and CRD versions, for the merge-key table. */
const mergeKeySources = { documents: [], crds: [] };

function buildKubernetes(version) {
  const spec = kubernetesSpecFile(version);
  const bytes = readFileSync(path.join(from, spec.path));
  const id = `mergegate:kubernetes/${version}`;
  const document = JSON.parse(bytes.toString("utf8"));
  mergeKeySources.documents.push(document);
  const { shared, kinds } = convertDocument(document, id);
  const file = `kubernetes-${version}.json.gz`;
  writeFileSync(path.join(out, file), gzipJson({ definitions: shared.definitions, kinds: Object.fromEntries([...kinds].sort()) }));
  return { file, upstream: `kubernetes/kubernetes release-${version}`, sources: [{ url: spec.url, sha256: sha256(bytes) }] };
}

function buildCrds(family) {
  const kinds = {};
  const sources = [];
  for (const crdFile of family.files) {
    const bytes = readFileSync(path.join(from, crdFile.path));
    sources.push({ url: crdFile.url, sha256: sha256(bytes) });
    for (const crd of crdsInText(bytes.toString("utf8"))) {
      for (const version of crdVersions(crd)) {
        kinds[gvkKey(version.gvk)] ??= customResourceSchema(version.schema);
        mergeKeySources.crds.push(version);
      }
    }
  }
  const file = `crds-${family.name}.json.gz`;
  writeFileSync(path.join(out, file), gzipJson({ kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : 1))) }));
  return { file, upstream: [...new Set(family.files.map((crdFile) => upstreamOf(crdFile.url)))].join(", "), sources };
}

if (!existsSync(from)) throw new Error(`no schema sources at ${from} (pass --from DIR)`);
for (const entry of existsSync(out) ? readdirSync(out) : []) if (entry.endsWith(".json.gz")) rmSync(path.join(out, entry));
mkdirSync(out, { recursive: true });
const versions = readdirSync(path.join(from, "openapi-v2"))
  .map((name) => /^k8s-(1\.\d+)-swagger\.json$/.exec(name)?.[1])
  .filter((version) => version !== undefined && minorOf(version) >= oldestShipped)
  .sort((a, b) => minorOf(a) - minorOf(b));
const index = {
  license: "Apache-2.0 (the upstream specs and CRDs; converted, not edited)",
  kubernetes: Object.fromEntries(versions.map((version) => [version, buildKubernetes(version)])),
  crds: Object.fromEntries(crdFamilies.map((family) => [family.name, buildCrds(family)])),
};
writeFileSync(path.join(out, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
writeFileSync(path.join(out, mergeKeysFileName), gzipJson(mergeKeyTable(mergeKeySources.documents, mergeKeySources.crds)));
process.stdout.write(`shipped-schemas/: Kubernetes ${versions.join(", ")}; CRDs ${crdFamilies.map((family) => family.name).join(", ")}\n`);
