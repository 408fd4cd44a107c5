// The markdown formats' size budget (PR comments hold 65,536 characters) and the one note that names what a
// report left out to stay within it.

export const markdownBudget = 60_000;

/** `> ✂️ Truncated: 3 more rows and the render diff not shown to stay within 60000 characters. …` */
export function truncationNote(left: readonly string[], budget: number, hint: string): string {
  return `> ✂️ Truncated: ${left.join(" and ")} not shown to stay within ${budget} characters. ${hint}`;
}
