// Where a rule's documentation lives, for SARIF helpUri and report links.
export const rulesDocsBase = "https://mergegate.dev/rules/";

export function ruleHelpUri(ruleId: string): string {
  return rulesDocsBase + ruleId;
}
