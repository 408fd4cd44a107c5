// What each YAML document says it is — apiVersion, kind, metadata name and namespace — kept apart from its value, so
// that environment detection and coverage can ask which files hold which objects without reading every file's values
// (the parse cache holds them beside the values: a run that changed one file reads the values of GitOps objects only).
export interface DocumentIdentity {
  apiVersion: string;
  kind: string;
  /** metadata.name when it is a string, else null. */
  name: string | null;
  /** metadata.namespace when it is a string, else null. */
  namespace: string | null;
}

/** Each document's identity: null for a document that is not a mapping with a string apiVersion and kind. */
export function identitiesOf(values: readonly unknown[]): (DocumentIdentity | null)[] {
  return values.map((value) => {
    if (!isMapping(value) || typeof value["apiVersion"] !== "string" || typeof value["kind"] !== "string") return null;
    const metadata = isMapping(value["metadata"]) ? value["metadata"] : {};
    return {
      apiVersion: value["apiVersion"],
      kind: value["kind"],
      name: typeof metadata["name"] === "string" ? metadata["name"] : null,
      namespace: typeof metadata["namespace"] === "string" ? metadata["namespace"] : null,
    };
  });
}

/**
 * Identities read back from the parse cache, with one copy of each string: apiVersions, kinds, namespaces and an
 * app's name repeat across thousands of documents (2–3 MiB of peak memory at 60,000 resources).
 */
export function sharedIdentities(identities: readonly (DocumentIdentity | null)[]): (DocumentIdentity | null)[] {
  return identities.map((identity) =>
    identity === null ? null : { apiVersion: shared(identity.apiVersion), kind: shared(identity.kind), name: identity.name === null ? null : shared(identity.name), namespace: identity.namespace === null ? null : shared(identity.namespace) },
  );
}

/** The strings met so far, emptied when it grows past this many (the distinct names of a repository are far fewer). */
const sharedStrings = new Map<string, string>();
const sharedLimit = 1 << 16;

function shared(text: string): string {
  const known = sharedStrings.get(text);
  if (known !== undefined) return known;
  if (sharedStrings.size >= sharedLimit) sharedStrings.clear();
  sharedStrings.set(text, text);
  return text;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
