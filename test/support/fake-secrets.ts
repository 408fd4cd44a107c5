// Realistic fake credentials, generated at test time from a seed (never committed as literal tokens).

/** mulberry32: a small seeded PRNG, so every run generates the same values. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeToken(random: () => number, alphabet: string, length: number, prefix = ""): string {
  let token = prefix;
  while (token.length < prefix.length + length) token += alphabet[Math.floor(random() * alphabet.length)];
  return token;
}

const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function fakeCredentials(seed: number): { awsKeyId: string; awsSecret: string; password: string; githubToken: string } {
  const random = seededRandom(seed);
  return {
    awsKeyId: fakeToken(random, upper, 16, "AKIA"),
    awsSecret: fakeToken(random, mixed + "/+", 40),
    password: fakeToken(random, mixed, 24),
    githubToken: fakeToken(random, mixed, 36, "ghp" + "_"),
  };
}
