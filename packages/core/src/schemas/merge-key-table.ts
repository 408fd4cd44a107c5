// The merge-key table shipped in shipped-schemas/merge-keys.json.gz, made at build time from the same Kubernetes
// OpenAPI specs and CRDs as the schemas: which lists of a kind are maps keyed by which fields
// (`x-kubernetes-list-map-keys`, else `x-kubernetes-patch-merge-key`), kept to the subtrees that hold such lists.
// The render diff reads it to match list items by key instead of by position (diff/merge-keys.ts).
import { isObject } from "../render/resource.js";
import { gvkKey, type GroupVersionKind } from "./api-groups.js";

/** What one field of a node leads to: a keyed list (its key fields), a node below, or both (a keyed list of nodes). */
export interface MergeKeyField {
  key?: string[];
  node?: string;
}

/** The fields of one schema node that are keyed lists or lead to one; `*` stands for every key of a map. */
export type MergeKeyNode = Record<string, MergeKeyField>;

export interface MergeKeyTable {
  /** Built-in kinds: their root node, null when nothing in them is a keyed list. Their schema is the whole truth. */
  kubernetes: Record<string, string | null>;
  /** Kinds of the shipped CRD sets: their root node or null. Lists a CRD leaves unkeyed fall back to `fieldKeys`. */
  crds: Record<string, string | null>;
  nodes: Record<string, MergeKeyNode>;
  /** Each keyed list's field name in the Kubernetes API and its key fields (most used first): the CRD fallback. */
  fieldKeys: Record<string, string[][]>;
}

type Schema = Record<string, unknown>;

/** The key fields a schema gives a list: its list-map keys, else its patch merge key; null for other lists. */
function keyOf(schema: Schema): string[] | null {
  const mapKeys = schema["x-kubernetes-list-map-keys"];
  if (Array.isArray(mapKeys) && mapKeys.length > 0 && mapKeys.every((field) => typeof field === "string")) return mapKeys as string[];
  const mergeKey = schema["x-kubernetes-patch-merge-key"];
  return typeof mergeKey === "string" ? [mergeKey] : null;
}

/** Collects the nodes of one document; a node with no keyed list below it is left out (`null`). */
class NodeCollector {
  readonly nodes: Record<string, MergeKeyNode> = {};
  private readonly done = new Map<string, string | null>();
  /** Field name → key (as JSON) → how many lists use it. */
  private readonly keyUses = new Map<string, Map<string, number>>();

  constructor(private readonly resolve: (ref: string) => { name: string; schema: Schema } | null) {}

  /** The node name of a schema (a definition by $ref, or an inline subtree named by its content), or null. */
  nodeOf(schema: unknown, inlineName: () => string): string | null {
    if (!isObject(schema)) return null;
    const ref = schema["$ref"];
    if (typeof ref === "string") {
      const target = this.resolve(ref);
      return target === null ? null : this.named(target.name, target.schema);
    }
    return this.inline(schema, inlineName);
  }

  private named(name: string, schema: Schema): string | null {
    if (this.done.has(name)) return this.done.get(name) ?? null;
    this.done.set(name, name); // a recursive reference to a node still being built: kept, and pruned if it stays empty
    const node = this.fields(schema, name);
    if (node !== null) this.nodes[name] = node;
    this.done.set(name, node === null ? null : name);
    return node === null ? null : name;
  }

  /** Drops references to nodes that turned out empty, and the nodes left empty by that, until none is left. */
  prune(): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, node] of Object.entries(this.nodes)) {
        for (const [field, entry] of Object.entries(node)) {
          if (entry.node === undefined || entry.node in this.nodes) continue;
          changed = true;
          if (entry.key === undefined) delete node[field];
          else node[field] = { key: entry.key };
        }
        if (Object.keys(node).length === 0) delete this.nodes[name];
      }
    }
  }

  /** A node name that is still in the table, or null. */
  kept(name: string | null): string | null {
    return name !== null && name in this.nodes ? name : null;
  }

  private inline(schema: Schema, inlineName: () => string): string | null {
    const node = this.fields(schema, inlineName());
    if (node === null) return null;
    const content = JSON.stringify(node);
    for (const [name, existing] of Object.entries(this.nodes)) if (JSON.stringify(existing) === content) return name;
    const name = inlineName();
    this.nodes[name] = node;
    return name;
  }

  private fields(schema: Schema, name: string): MergeKeyNode | null {
    const node: MergeKeyNode = {};
    const properties = isObject(schema["properties"]) ? schema["properties"] : {};
    for (const [field, property] of Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const entry = this.field(field, property, `${name}/${field}`);
      if (entry !== null) node[field] = entry;
    }
    const values = schema["additionalProperties"];
    if (isObject(values)) {
      const entry = this.field("*", values, `${name}/*`);
      if (entry !== null) node["*"] = entry;
    }
    return Object.keys(node).length === 0 ? null : node;
  }

  private field(field: string, property: unknown, path: string): MergeKeyField | null {
    if (!isObject(property)) return null;
    const list = property["type"] === "array" || isObject(property["items"]);
    const key = list ? keyOf(property) : null;
    const node = this.nodeOf(list ? property["items"] : property, () => path);
    if (key !== null && field !== "*") this.countKey(field, key);
    if (key === null && node === null) return null;
    return { ...(key === null ? {} : { key }), ...(node === null ? {} : { node }) };
  }

  private countKey(field: string, key: string[]): void {
    const uses = this.keyUses.get(field) ?? new Map<string, number>();
    uses.set(JSON.stringify(key), (uses.get(JSON.stringify(key)) ?? 0) + 1);
    this.keyUses.set(field, uses);
  }

  /** Field name → its key fields, the most used first. */
  fieldKeys(): Record<string, string[][]> {
    const sorted = [...this.keyUses.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(
      sorted.map(([field, uses]) => [field, [...uses.entries()].sort(([a, left], [b, right]) => right - left || (a < b ? -1 : 1)).map(([key]) => JSON.parse(key) as string[])]),
    );
  }
}

function definitionsOf(document: Schema): Schema {
  const components = isObject(document["components"]) ? document["components"] : {};
  const definitions = document["definitions"] ?? components["schemas"];
  return isObject(definitions) ? definitions : {};
}

/** A `…List` kind (its `items` the objects of one kind): a response, never a manifest the diff compares. */
function isListKind(definition: Schema): boolean {
  const kinds = definition["x-kubernetes-group-version-kind"] as GroupVersionKind[];
  const properties = isObject(definition["properties"]) ? definition["properties"] : {};
  return kinds.every((gvk) => typeof gvk.kind === "string" && gvk.kind.endsWith("List")) && isObject(properties["items"]);
}

/** The merge keys of Kubernetes releases' OpenAPI documents (a definition of a later one replaces an earlier one's). */
function kubernetesPart(documents: readonly Schema[]): { kinds: Record<string, string | null>; nodes: Record<string, MergeKeyNode>; fieldKeys: Record<string, string[][]> } {
  const definitions: Schema = Object.assign({}, ...documents.map(definitionsOf));
  const collector = new NodeCollector((ref) => {
    const name = ref.replace(/^#\/(?:definitions|components\/schemas)\//, "");
    return isObject(definitions[name]) ? { name, schema: definitions[name] } : null;
  });
  const kinds: Record<string, string | null> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const list = isObject(definition) ? definition["x-kubernetes-group-version-kind"] : undefined;
    if (!Array.isArray(list) || isListKind(definition as Schema)) continue;
    for (const gvk of list as GroupVersionKind[]) {
      if (typeof gvk.kind === "string" && typeof gvk.version === "string") kinds[gvkKey(gvk)] = collector.nodeOf({ $ref: `#/definitions/${name}` }, () => name);
    }
  }
  collector.prune();
  for (const [kind, node] of Object.entries(kinds)) kinds[kind] = collector.kept(node);
  return { kinds, nodes: collector.nodes, fieldKeys: collector.fieldKeys() };
}

/** A CRD version: its kind and its openAPIV3Schema. */
export interface CrdSchema {
  gvk: GroupVersionKind;
  schema: unknown;
}

/**
 * The table of the Kubernetes OpenAPI documents (oldest release first) and the CRDs' schemas. CRD nodes are inline
 * subtrees, named `<gvk>#/<path>` after the first kind that has them and shared by every kind with the same subtree.
 */
export function mergeKeyTable(openApiDocuments: readonly Schema[], crds: readonly CrdSchema[]): MergeKeyTable {
  const kubernetes = kubernetesPart(openApiDocuments);
  const crdCollector = new NodeCollector(() => null);
  const crdKinds: Record<string, string | null> = {};
  for (const { gvk, schema } of crds) {
    const key = gvkKey(gvk);
    if (key in crdKinds) continue;
    crdKinds[key] = crdCollector.nodeOf(schema, () => `${key}#`);
  }
  const sortedKeys = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    kubernetes: sortedKeys(kubernetes.kinds),
    crds: sortedKeys(crdKinds),
    nodes: sortedKeys({ ...kubernetes.nodes, ...crdCollector.nodes }),
    fieldKeys: kubernetes.fieldKeys,
  };
}
