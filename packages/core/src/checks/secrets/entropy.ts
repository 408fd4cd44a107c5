// Is a candidate value random enough to be a credential, or a placeholder, reference or documentation example?

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

const placeholderWords = /(changeme|change_me|change-me|replace|placeholder|example|sample|dummy|redacted|your[_-]|my[_-]?(password|secret|token)|password123|notasecret|not-a-secret|secret123|todo|fixme|xxxx|\*\*\*\*|\.\.\.|<|>)/i;

/** References and templates: the value is looked up elsewhere, not written here. */
const reference = /^(\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_.-]*|\{\{.*\}\}|%\{[^}]*\}|ENC\[.*\]|vault:.*|ref\+.*|arn:aws:.*|projects\/.*\/secrets\/.*|secretref:.*|(file|env):.*)$/i;

/** Documentation example credentials published by providers (AWS docs keys and the like). */
const documentationExamples = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"];

export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^["']|["']$/g, "");
  if (trimmed === "") return true;
  if (reference.test(trimmed)) return true;
  if (documentationExamples.some((example) => trimmed.includes(example))) return true;
  if (placeholderWords.test(trimmed)) return true;
  if (/^(.)\1+$/.test(trimmed)) return true; // "xxxxxxxx", "00000000"
  if (/^(true|false|null|none|yes|no|on|off|required|optional|enabled|disabled)$/i.test(trimmed)) return true;
  return false;
}

/** Values that look like identifiers of something else: hashes, UUIDs, digests, paths, plain words. */
export function looksLikeNonSecret(value: string): boolean {
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value)) return true; // md5 / sha1 / sha256 hex
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true; // UUID
  if (/^sha(256|512):[0-9a-f]+$/i.test(value)) return true; // image digest
  if (/^[./~]?([\w.-]+\/)+[\w.-]*$/.test(value) && !/[+=]/.test(value)) return true; // path
  if (/^[A-Za-z]+([_-][A-Za-z]+)*$/.test(value)) return true; // words: secretName, db-password, DB_PASSWORD
  if (/^\d+(\.\d+)*[smhd]?$/.test(value)) return true; // numbers, durations
  return false;
}
