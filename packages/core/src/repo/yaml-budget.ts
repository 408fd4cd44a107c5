// YAML as kubectl reads it, within budgets: YAML 1.1 scalars (0755 is octal, on/yes are booleans; no timestamps or
// sexagesimal numbers, which kubectl's reader keeps as strings) and `<<` merge keys; at most so many documents per
// file and alias expansions per document, so that no file can make the loader hang or exhaust memory.
import { parseAllDocuments, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags } from "yaml";

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

/** The document's value; an alias bomb (too many aliases) becomes an error of the document instead of a crash. */
export function plainValue(document: Document.Parsed): unknown {
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    const start = document.range[0];
    document.errors.push(new YAMLParseError([start, start + 1], "BAD_ALIAS", (error as Error).message));
    return null;
  }
}
