// The secret detectors: one per credential family, each an RE2 pattern with prefilter keywords, the capture
// group that holds the secret, and optional entropy and placeholder gating.
import { entropy, isPlaceholder, looksLikeNonSecret } from "./entropy.js";
import { assignedLiteral, isCodeStatement, quotedSpans } from "./assigned-value.js";
import type { Re2Hit } from "./re2.js";

export interface Detector {
  /** Rule id, `secrets/<name>`. */
  id: string;
  description: string;
  /** RE2 syntax. */
  pattern: string;
  /**
   * A hand-written matcher used instead of running `pattern` (which still documents the rule): for the one
   * detector whose pattern is too slow under RE2's capture extraction on long lines.
   */
  matcher?: (line: string) => Re2Hit[];
  /** Capture group holding the secret; 0 for the whole match. */
  group: number;
  /** Literals (matched ignoring case unless `keywordCase`), one of which must occur on a line before the pattern runs there. */
  keywords: string[];
  /** Match the keywords with their case (short keywords that would otherwise hit ordinary words). */
  keywordCase?: boolean;
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** Further check on the candidate: false drops it. `following` is the text after the match. */
  accept?: (secret: string, following: string) => boolean;
}

const notPlaceholder = (secret: string): boolean => !isPlaceholder(secret);

/** A PEM block is a key only when real base64 follows its header (not "..." in documentation). */
const pemBody = (_secret: string, following: string): boolean => /^[^\n]*\n\s*(?:[A-Za-z0-9-]+:[^\n]*\n\s*)*(?:\n\s*)?[A-Za-z0-9+/=]{40,}/.test(following);

export const detectors: readonly Detector[] = [
  {
    id: "secrets/aws-access-key-id",
    description: "An AWS access key id.",
    pattern: "\\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b",
    group: 1,
    keywords: ["AKIA", "ASIA", "ABIA", "ACCA"],
    keywordCase: true,
    accept: notPlaceholder,
  },
  {
    id: "secrets/aws-secret-access-key",
    description: "An AWS secret access key.",
    pattern: "(?i)aws.{0,20}?(?:secret|private)?.{0,10}?(?:access)?.{0,5}?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$)",
    group: 1,
    keywords: ["aws"],
    minEntropy: 3.5,
    accept: notPlaceholder,
  },
  {
    id: "secrets/gcp-api-key",
    description: "A Google Cloud API key.",
    pattern: "\\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)",
    group: 1,
    keywords: ["AIza"],
    keywordCase: true,
    accept: notPlaceholder,
  },
  {
    id: "secrets/gcp-service-account",
    description: "A Google Cloud service-account key (JSON with a private key).",
    pattern: "\"private_key\"\\s*:\\s*\"(-----BEGIN (?:RSA )?PRIVATE KEY-----[^\"]{40,})\"",
    group: 1,
    keywords: ["private_key"],
  },
  {
    id: "secrets/azure-storage-key",
    description: "An Azure storage account key.",
    pattern: "(?i)AccountKey=([A-Za-z0-9+/]{86}==)",
    group: 1,
    keywords: ["accountkey="],
  },
  {
    id: "secrets/azure-client-secret",
    description: "An Azure AD (Entra ID) client secret.",
    pattern: "(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)",
    group: 1,
    keywords: ["q~"],
    minEntropy: 3.5,
  },
  {
    id: "secrets/github-token",
    description: "A GitHub token (classic personal access, OAuth, app or refresh token).",
    pattern: "\\b(gh[pousr]_[A-Za-z0-9]{36})\\b",
    group: 1,
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    minEntropy: 3.5,
  },
  {
    id: "secrets/github-fine-grained-token",
    description: "A GitHub fine-grained personal access token.",
    pattern: "\\b(github_pat_[A-Za-z0-9_]{82})\\b",
    group: 1,
    keywords: ["github_pat_"],
  },
  {
    id: "secrets/gitlab-token",
    description: "A GitLab personal, project or group access token.",
    pattern: "\\b(glpat-[A-Za-z0-9_-]{20})(?:[^A-Za-z0-9_-]|$)",
    group: 1,
    keywords: ["glpat-"],
  },
  {
    id: "secrets/bitbucket-app-password",
    description: "A Bitbucket app password.",
    pattern: "\\b(ATBB[A-Za-z0-9_=.-]{32,})\\b",
    group: 1,
    keywords: ["ATBB"],
    keywordCase: true,
    minEntropy: 3.5,
  },
  {
    id: "secrets/slack-token",
    description: "A Slack bot, user, app or refresh token.",
    pattern: "\\b(xox[baprse]-[0-9A-Za-z-]{10,72})\\b",
    group: 1,
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"],
    accept: notPlaceholder,
  },
  {
    id: "secrets/slack-webhook",
    description: "A Slack incoming-webhook URL.",
    pattern: "(https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/]{30,})",
    group: 1,
    keywords: ["hooks.slack.com"],
    accept: notPlaceholder,
  },
  {
    id: "secrets/stripe-key",
    description: "A Stripe secret or restricted key.",
    pattern: "\\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})\\b",
    group: 1,
    keywords: ["sk_live_", "sk_test_", "rk_live_", "rk_test_"],
    accept: notPlaceholder,
  },
  {
    id: "secrets/twilio-api-key",
    description: "A Twilio API key.",
    pattern: "\\b(SK[0-9a-fA-F]{32})\\b",
    group: 1,
    keywords: ["SK"],
    keywordCase: true,
    minEntropy: 3.2,
  },
  {
    id: "secrets/sendgrid-api-key",
    description: "A SendGrid API key.",
    pattern: "\\b(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)",
    group: 1,
    keywords: ["sg."],
  },
  {
    id: "secrets/npm-token",
    description: "An npm access token.",
    pattern: "\\b(npm_[A-Za-z0-9]{36})\\b",
    group: 1,
    keywords: ["npm_"],
    minEntropy: 3.5,
  },
  {
    id: "secrets/pypi-token",
    description: "A PyPI upload token.",
    pattern: "\\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})",
    group: 1,
    keywords: ["pypi-ageichlwas5vcmc"],
  },
  {
    id: "secrets/dockerhub-token",
    description: "A Docker Hub personal access token.",
    pattern: "\\b(dckr_pat_[A-Za-z0-9_-]{27})(?:[^A-Za-z0-9_-]|$)",
    group: 1,
    keywords: ["dckr_pat_"],
  },
  {
    id: "secrets/private-key",
    description: "A private key (PEM, OpenSSH or PGP).",
    pattern: "(-----BEGIN[ A-Z]{0,20} PRIVATE KEY(?: BLOCK)?-----)",
    group: 1,
    keywords: ["private key"],
    accept: pemBody,
  },
  {
    id: "secrets/jwt",
    description: "A signed JSON Web Token.",
    pattern: "\\b(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,})",
    group: 1,
    keywords: ["eyJ"],
    keywordCase: true,
  },
  {
    id: "secrets/url-password",
    description: "A URL or connection string with a password in it.",
    pattern: "\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s:@/\"'`]{1,64}:([^\\s:@/\"'`]{3,128})@[^\\s/\"'`]+",
    group: 1,
    keywords: ["://"],
    accept: (secret) => !isPlaceholder(secret) && !/^(password|pass|pwd|secret)$/i.test(secret),
  },
  {
    id: "secrets/generic-assignment",
    description: "A password, secret, token or API key assigned a literal value (a quoted string or a bare config value, never an expression).",
    pattern:
      "(?i)\\b([a-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|credentials?)[a-z0-9_.-]*)[\"']?\\s*[:=]\\s*[\"']?([^\\s\"'`]{8,200})",
    group: 2,
    matcher: assignments,
    keywords: ["password", "passwd", "secret", "token", "api_key", "api-key", "apikey", "access_key", "access-key", "credential"],
    minEntropy: 3.3,
    accept: (secret) => !isPlaceholder(secret) && !looksLikeNonSecret(secret.replace(/[,;]+$/, "")),
  },
];

/** Words that make a name secret-like (the generic pattern's alternation, lower case). */
const secretWords = /password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|credential/i;
const nameCharacter = /[A-Za-z0-9_.-]/;

/**
 * `name: value` / `name = value` / `"name": "value"` with a secret-like name and a literal value: the generic
 * pattern, by hand, with assigned-value.ts telling literals from expressions.
 */
function assignments(line: string): Re2Hit[] {
  const found: Re2Hit[] = [];
  const spans = quotedSpans(line);
  for (let operator = line.search(/[:=]/); operator !== -1; operator = nextOperator(line, operator + 1)) {
    const symbol = /^(?::=|===?|=>|[:=])/.exec(line.slice(operator))?.[0] ?? "";
    if (symbol === ":" && (line[operator + 1] === ":" || line.startsWith("//", operator + 1))) continue; // `a::b`, `scheme://`
    let nameEnd = operator;
    while (nameEnd > 0 && /[\s"']/.test(line[nameEnd - 1] ?? "")) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > 0 && nameCharacter.test(line[nameStart - 1] ?? "")) nameStart--;
    const name = line.slice(nameStart, nameEnd);
    if (name === "" || !secretWords.test(name)) continue;
    const literal = assignedLiteral(line, operator, operator + symbol.length, spans, isCodeStatement(line.slice(0, nameStart), symbol));
    if (literal === null) continue;
    const { start, value } = literal;
    if (value.length >= 8 && value.length <= 200) found.push({ index: nameStart, match: line.slice(nameStart, start + value.length), groups: [name, value] });
  }
  return found;
}

function nextOperator(line: string, from: number): number {
  const rest = line.slice(from).search(/[:=]/);
  return rest === -1 ? -1 : from + rest;
}

export function passesEntropy(detector: Detector, secret: string): boolean {
  return detector.minEntropy === undefined || entropy(secret) >= detector.minEntropy;
}
