// kustomize's stderr as a render/failed message: its own deprecation warnings are advice, not the failure.
const deprecation = /^\s*#?\s*Warning:.*(deprecated|kustomize edit fix).*$/i;

export function withoutDeprecationWarnings(text: string): string {
  return text
    .split("\n")
    .filter((line) => !deprecation.test(line) && !/^\s*Run 'kustomize edit fix'/.test(line))
    .join("\n");
}
