// A labeled corpus of realistic GitOps files, generated from a seed: true secrets of every detector family
// and decoys that must not be reported (used by the secrets test and bench/secrets.mjs). Nothing realistic is
// committed: every token is made when the corpus is generated.
import { fakeToken, seededRandom } from "./fake-secrets.mjs";

const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const lower = "abcdefghijklmnopqrstuvwxyz";
const digits = "0123456789";
const alnum = upper + lower + digits;
const base64 = alnum + "+/";
const base64url = alnum + "-_";
const hex = "0123456789abcdef";
const base32 = upper + "234567";

/** @returns {{ path: string, text: string, secrets: { line: number, family: string }[], decoys: number }[]} */
export function generateCorpus(seed, rounds = 8) {
  const random = seededRandom(seed);
  const token = (alphabet, length, prefix = "") => fakeToken(random, alphabet, length, prefix);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const password = () => token(alnum + "!#%&*+-=?@^_", 18) + pick(["7", "Q", "#", "9z"]);
  const pemBody = (indent, lines = 4) => Array.from({ length: lines }, () => indent + token(base64, 64));
  const jwt = () => `eyJ${token(base64url, 30)}.eyJ${token(base64url, 60)}.${token(base64url, 43)}`;

  const secretSnippets = [
    () => ({ family: "aws-key-id", lines: [`AWS_ACCESS_KEY_ID=${token(base32, 16, "AKIA")}`], secretLines: [0] }),
    () => ({
      family: "aws-key-pair",
      lines: ["[default]", `aws_access_key_id = ${token(base32, 16, "AKIA")}`, `aws_secret_access_key = ${token(base64, 40)}`],
      secretLines: [1, 2],
    }),
    () => ({ family: "gcp-api-key", lines: [`  mapsApiKey: ${token(base64url, 35, "AIza")}`], secretLines: [0] }),
    () => ({
      family: "gcp-service-account",
      lines: [`{"type": "service_account", "project_id": "acme-prod", "private_key": "-----BEGIN PRIVATE KEY-----\\n${token(base64, 64)}\\n${token(base64, 64)}\\n-----END PRIVATE KEY-----\\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}`],
      secretLines: [0],
    }),
    () => ({ family: "azure-storage", lines: [`  connection: "DefaultEndpointsProtocol=https;AccountName=acmeshop;AccountKey=${token(base64, 86)}==;EndpointSuffix=core.windows.net"`], secretLines: [0] }),
    () => ({ family: "azure-client-secret", lines: [`  AZURE_CLIENT_SECRET: ${token(alnum, 3)}${token(digits, 1)}Q~${token(alnum + "_~.-", 34)}`], secretLines: [0] }),
    () => ({ family: "github", lines: [`      value: ${token(alnum, 36, pick(["ghp_", "gho_", "ghs_"]))}`], secretLines: [0] }),
    () => ({ family: "github-fine-grained", lines: [`GH_TOKEN=${token(alnum + "_", 82, "github_pat_")}`], secretLines: [0] }),
    () => ({ family: "gitlab", lines: [`  gitlabToken: ${token(alnum + "_-", 20, "glpat-")}`], secretLines: [0] }),
    () => ({ family: "bitbucket", lines: [`BITBUCKET_APP_PASSWORD=${token(alnum, 32, "ATBB")}`], secretLines: [0] }),
    () => ({ family: "slack", lines: [`  slackBotToken: xoxb-${token(digits, 12)}-${token(digits, 13)}-${token(alnum, 24)}`], secretLines: [0] }),
    () => ({ family: "slack-webhook", lines: [`    url: https://hooks.slack.com/services/T${token(upper + digits, 8)}/B${token(upper + digits, 10)}/${token(alnum, 24)}`], secretLines: [0] }),
    () => ({ family: "stripe", lines: [`STRIPE_KEY=${token(alnum, 24, "sk_live_")}`], secretLines: [0] }),
    () => ({ family: "twilio", lines: [`  twilio_api_key: ${token(hex, 32, "SK")}`], secretLines: [0] }),
    () => ({ family: "sendgrid", lines: [`SENDGRID=SG.${token(base64url, 22)}.${token(base64url, 43)}`], secretLines: [0] }),
    () => ({ family: "npm", lines: [`//registry.npmjs.org/:_authToken=${token(alnum, 36, "npm_")}`], secretLines: [0] }),
    () => ({ family: "pypi", lines: [`password = pypi-AgEIcHlwaS5vcmc${token(base64url, 70)}`], secretLines: [0] }),
    () => ({ family: "dockerhub", lines: [`  DOCKERHUB_TOKEN: ${token(base64url, 27, "dckr_pat_")}`], secretLines: [0] }),
    () => ({
      family: "private-key-indented",
      lines: ["  tls.key: |", `    -----BEGIN ${pick(["RSA ", "EC ", ""])}PRIVATE KEY-----`, ...pemBody("    "), `    -----END PRIVATE KEY-----`],
      secretLines: [1],
    }),
    () => ({ family: "openssh-key", lines: ["-----BEGIN OPENSSH PRIVATE KEY-----", ...pemBody("", 3), "-----END OPENSSH PRIVATE KEY-----"], secretLines: [0] }),
    () => ({ family: "pgp-key", lines: ["-----BEGIN PGP PRIVATE KEY BLOCK-----", "", ...pemBody("", 3), "-----END PGP PRIVATE KEY BLOCK-----"], secretLines: [0] }),
    () => ({ family: "jwt", lines: [`  authorization: Bearer ${jwt()}`], secretLines: [0] }),
    () => ({ family: "url-password", lines: [`  DATABASE_URL: ${pick(["postgres", "mysql", "mongodb+srv", "redis", "amqp"])}://app:${password().replace(/[@:/#?]/g, "x")}@db.internal:5432/shop`], secretLines: [0] }),
    () => ({ family: "generic", lines: [`${pick(["API_KEY", "client_secret", "signingSecret", "webhook_token", "apiKey"])}: ${token(alnum, 32)}`], secretLines: [0] }),
    () => ({ family: "generic-json", lines: [`  "password": "${password()}",`], secretLines: [0] }),
    () => ({
      family: "k8s-secret",
      kubernetes: true,
      lines: ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db-credentials", "stringData:", `  password: ${password()}`],
      secretLines: [5],
    }),
    () => ({
      family: "k8s-secret-data",
      kubernetes: true,
      lines: ["apiVersion: v1", "kind: Secret", "metadata:", "  name: api-keys", "type: Opaque", "data:", `  key: ${Buffer.from(token(alnum, 20)).toString("base64")}`],
      secretLines: [6],
    }),
    () => ({
      family: "env-literal",
      lines: ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api", "spec:", "  template:", "    spec:", "      containers:", "      - name: api", "        image: ghcr.io/acme/api:2.4.0", "        env:", "        - name: DB_PASSWORD", `          value: ${password()}`],
      secretLines: [12],
      kubernetes: true,
    }),
    () => ({
      family: "sealed-secret-plaintext",
      kubernetes: true,
      lines: ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", "  name: api", "spec:", "  encryptedData:", `    token: AgB${token(base64, 200)}`, "  template:", "    data:", `      adminPassword: ${password()}`],
      secretLines: [9],
    }),
    () => ({ family: "secret-generator", kubernetes: true, lines: ["secretGenerator:", "- name: api", "  literals:", `  - API_TOKEN=${token(alnum, 24)}`], secretLines: [3] }),
    () => ({
      family: "sops-unencrypted",
      kubernetes: true,
      lines: ["apiVersion: v1", "kind: Secret", "metadata:", "  name: sops-db", "stringData:", `  password: ENC[AES256_GCM,data:${token(base64, 24)},iv:${token(base64, 24)},tag:${token(base64, 22)}==,type:str]`, `  username: ${token(lower, 8)}`, "sops:", `  mac: ENC[AES256_GCM,data:${token(base64, 40)},type:str]`, "  encrypted_regex: ^(data|stringData)$", "  version: 3.9.0"],
      secretLines: [6],
    }),
  ];

  const decoySnippets = [
    () => ({ family: "placeholder", decoy: true, lines: [`password: ${pick(["changeme", "${DB_PASSWORD}", "<your-password>", "xxxxxxxxxxxx", "{{ .Values.db.password }}", "REPLACE_ME_BEFORE_DEPLOY"])}`], secretLines: [] }),
    () => ({ family: "placeholder-token", decoy: true, lines: [`GITHUB_TOKEN=${pick(["${{ secrets.GITHUB_TOKEN }}", "$(cat /run/secrets/token)", "<token>", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])}`], secretLines: [] }),
    () => ({ family: "aws-docs-example", decoy: true, lines: ["aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], secretLines: [] }),
    () => ({ family: "hash", decoy: true, lines: [`  checksum/config: ${token(hex, 64)}`, `  secretHash: ${token(hex, 40)}`], secretLines: [] }),
    () => ({ family: "uuid", decoy: true, lines: [`  clientId: ${token(hex, 8)}-${token(hex, 4)}-4${token(hex, 3)}-a${token(hex, 3)}-${token(hex, 12)}`, `  tokenId: ${token(hex, 8)}-${token(hex, 4)}-4${token(hex, 3)}-b${token(hex, 3)}-${token(hex, 12)}`], secretLines: [] }),
    () => ({ family: "digest", decoy: true, lines: [`        image: ghcr.io/acme/api@sha256:${token(hex, 64)}`], secretLines: [] }),
    () => ({
      family: "sops-encrypted",
      kubernetes: true,
      decoy: true,
      lines: ["apiVersion: v1", "kind: Secret", "metadata:", "  name: sops-api", "stringData:", `  token: ENC[AES256_GCM,data:${token(base64, 32)},iv:${token(base64, 24)},tag:${token(base64, 22)}==,type:str]`, "sops:", `  mac: ENC[AES256_GCM,data:${token(base64, 40)},type:str]`, "  encrypted_regex: ^(data|stringData)$", "  version: 3.9.0"],
      secretLines: [],
    }),
    () => ({ family: "sealed-secret", kubernetes: true, decoy: true, lines: ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", "  name: db", "spec:", "  encryptedData:", `    password: AgB${token(base64, 300)}`, `    apiToken: AgC${token(base64, 300)}`], secretLines: [] }),
    () => ({ family: "public-key", decoy: true, lines: [`  authorized_keys: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${token(base64, 43)} ops@acme`, "  pub: |", "    -----BEGIN PUBLIC KEY-----", ...pemBody("    ", 3), "    -----END PUBLIC KEY-----"], secretLines: [] }),
    () => ({ family: "certificate", decoy: true, lines: ["  ca.crt: |", "    -----BEGIN CERTIFICATE-----", ...pemBody("    ", 4), "    -----END CERTIFICATE-----"], secretLines: [] }),
    () => ({ family: "url-no-password", decoy: true, lines: [`  DATABASE_URL: postgres://app@db.internal:5432/shop`, `  REDIS_URL: redis://\${REDIS_USER}:\${REDIS_PASSWORD}@cache:6379/0`, "  ISSUER: https://auth.acme.example/realms/shop"], secretLines: [] }),
    () => ({ family: "external-secret", kubernetes: true, decoy: true, lines: ["apiVersion: external-secrets.io/v1", "kind: ExternalSecret", "metadata:", "  name: db", "spec:", "  data:", "  - secretKey: password", "    remoteRef:", "      key: prod/shop/db-password"], secretLines: [] }),
    () => ({ family: "secret-key-ref", decoy: true, lines: ["        env:", "        - name: DB_PASSWORD", "          valueFrom:", "            secretKeyRef:", "              name: db-credentials", "              key: password"], secretLines: [] }),
    () => ({ family: "doc-private-key", decoy: true, lines: ["    -----BEGIN RSA PRIVATE KEY-----", "    ...", "    -----END RSA PRIVATE KEY-----"], secretLines: [] }),
    () => ({ family: "config-words", decoy: true, lines: ["  tokenTTL: 3600s", "  passwordPolicy: strict", "  secretName: db-credentials", "  apiKeyHeader: X-Api-Key", `  token_path: /var/run/secrets/kubernetes.io/serviceaccount/token`], secretLines: [] }),
    () => ({
      family: "code-expression",
      decoy: true,
      lines: [`  out += "<li>db_password: "+h.dbPassword+"</li>"`, `  c.dbPassword = cfg.Section("database").Key("password").String()`, `  api_token = os.environ["API_TOKEN"]`, "  const apiKey = process.env.STRIPE_API_KEY;"],
      secretLines: [],
    }),
    () => ({ family: "random-id", decoy: true, lines: [`  requestId: ${token(alnum, 32)}`, `  buildId: ${token(hex, 40)}`], secretLines: [] }),
  ];

  const files = [];
  for (let round = 0; round < rounds; round++) {
    const pieces = [...secretSnippets, ...decoySnippets].map((make) => make());
    // a few snippets per file, as real files mix config and credentials
    for (let start = 0; start < pieces.length; start += 3) {
      const chosen = pieces.slice(start, start + 3);
      const lines = [`# generated corpus file ${round}-${start}`];
      const secrets = [];
      let decoys = 0;
      const yaml = chosen.some((piece) => piece.kubernetes === true);
      for (const piece of chosen) {
        lines.push(yaml ? "---" : "");
        const offset = lines.length;
        lines.push(...piece.lines);
        for (const index of piece.secretLines) secrets.push({ line: offset + index + 1, family: piece.family });
        if (piece.decoy === true) decoys++;
      }
      const extension = yaml ? "yaml" : pick(["yaml", "env", "conf", "txt"]);
      files.push({ path: `corpus/r${round}/f${start}.${extension}`, text: lines.join("\n") + "\n", secrets, decoys });
    }
  }
  return files;
}
