// Realistic fake credentials, generated at test time from a seed (never committed as literal tokens).

/** mulberry32: a small seeded PRNG, so every run generates the same values. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeToken(random, alphabet, length, prefix = "") {
  let token = prefix;
  while (token.length < prefix.length + length) token += alphabet[Math.floor(random() * alphabet.length)];
  return token;
}
