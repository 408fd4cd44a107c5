// YAML as kubectl reads it, within budgets: YAML 1.1 scalars (0755 is octal, on/yes are booleans; no timestamps or
// sexagesimal numbers, which kubectl's reader keeps as strings) and `<<` merge keys; at most so many documents per
// file and alias expansions per document, so that no file can make the loader hang or exhaust memory.
import { parseAllDocuments, visit, YAMLParseError, type Alias, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags } from "yaml";

/** Documents in one file beyond which it is read as text only (a yaml/skipped-file warning). */
export const maxDocumentsPerFile = 10_000;
/** Alias expansions per document beyond which its value is an error (BAD_ALIAS) instead of a bomb. */
export const maxAliasCount = 100;

const kubectlTags = (tags: Tags): Tags => tags.filter((tag) => typeof tag === "string" || (tag.tag !== "tag:yaml.org,2002:timestamp" && tag.format !== "TIME"));

export const kubectlYaml: ParseOptions & DocumentOptions & SchemaOptions = { version: "1.1", merge: true, customTags: kubectlTags, prettyErrors: false, logLevel: "error" };

/** An upper bound on the documents of a text, found without parsing it. */
export function documentCountOf(text: string): number {
  let count = 1;
  for (let index = text.indexOf("---"); index !== -1; index = text.indexOf("---", index + 3)) if (index === 0 || text[index - 1] === "\n") count++;
  return count;
}

export function parseYaml(text: string): Document.Parsed[] {
  const documents = parseAllDocuments(text, kubectlYaml);
  return Array.isArray(documents) ? documents : [];
}

/**
 * The document's value; an alias bomb (too many aliases) or an alias inside the node it names (`a: &x [*x]`, whose
 * value would be a cycle) becomes an error of the document instead of a crash. `mayHaveAliases`: false when the
 * text has no `*` at all, which spares the search.
 */
export function plainValue(document: Document.Parsed, mayHaveAliases = true): unknown {
  const recursive = mayHaveAliases ? recursiveAlias(document) : null;
  if (recursive !== null) {
    const [start, end] = recursive.range ?? document.range;
    document.errors.push(new YAMLParseError([start, Math.max(start + 1, end)], "BAD_ALIAS", `alias *${recursive.source} is inside the node it refers to: its value would never end`));
    return null;
  }
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    const start = document.range[0];
    document.errors.push(new YAMLParseError([start, start + 1], "BAD_ALIAS", (error as Error).message));
    return null;
  }
}

/** The first alias that refers to one of its own ancestors, or null. */
export function recursiveAlias(document: Document): Alias | null {
  let found: Alias | null = null;
  visit(document, {
    Alias(_key, node, path) {
      const target = node.resolve(document);
      if (target === undefined || !path.includes(target)) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}
