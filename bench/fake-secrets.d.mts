// Types of fake-secrets.mjs.
export function seededRandom(seed: number): () => number;
export function fakeToken(random: () => number, alphabet: string, length: number, prefix?: string): string;
