// Types of secret-corpus.mjs.
export interface CorpusFile {
  path: string;
  text: string;
  /** Lines (1-based) that hold a true secret, with the family that put it there. */
  secrets: { line: number; family: string }[];
  decoys: number;
}
export function generateCorpus(seed: number, rounds?: number): CorpusFile[];
