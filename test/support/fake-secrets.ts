// Realistic fake credentials, generated at test time from a seed (never committed as literal tokens).

import { fakeToken, seededRandom } from "../../bench/fake-secrets.mjs";

export { fakeToken, seededRandom };

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
