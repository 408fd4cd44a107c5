// The secrets check: each detector on a true value and on a decoy; the Kubernetes-aware rules; scope and
// allowlists; and the values never reaching any output.
import { describe, expect, it } from "vitest";
import { detectors } from "../../src/checks/secrets/detectors.js";
import { scanText } from "../../src/checks/secrets/scan-text.js";
import { secretsRules } from "../../src/checks/secrets/rules.js";
import { runGate } from "../../src/gate.js";
import { formatNames, formatResult } from "../../src/report/formats.js";
import { lineStartsOf } from "../../src/repo/positions.js";
import { fakeToken, seededRandom } from "../../../../test/support/fake-secrets.js";
import { writeRepo } from "../../../../test/support/temp-repo.js";
import { findingsOf } from "../rule-tester.js";

const random = seededRandom(7);
const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const token = (alphabet: string, length: number, prefix = ""): string => fakeToken(random, alphabet, length, prefix);
const pem = (kind: string): string => `-----BEGIN ${kind}-----\n${token(alnum + "+/", 64)}\n${token(alnum + "+/", 64)}\n-----END ${kind}-----`;

/** For every detector: a line it must report, and a look-alike it must not. */
const cases: Record<string, { found: string; ignored: string }> = {
  "secrets/aws-access-key-id": { found: `key: ${token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, "AKIA")}`, ignored: "key: AKIAIOSFODNN7EXAMPLE" },
  "secrets/aws-secret-access-key": { found: `aws_secret_access_key = ${token(alnum + "/+", 40)}`, ignored: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
  "secrets/gcp-api-key": { found: `apiKey: ${token(alnum + "_-", 35, "AIza")}`, ignored: "apiKey: AIzaSyEXAMPLE" },
  "secrets/gcp-service-account": { found: `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${token(alnum, 64)}\\n-----END PRIVATE KEY-----\\n"}`, ignored: '{"private_key_id": "abc", "type": "service_account"}' },
  "secrets/azure-storage-key": { found: `AccountName=acme;AccountKey=${token(alnum + "+/", 86)}==;`, ignored: "AccountName=acme;AccountKey=<key>;" },
  "secrets/azure-client-secret": { found: `secret: ab1${"8"}Q~${token(alnum, 34)}`, ignored: "secret: Q~ is a tilde" },
  "secrets/github-token": { found: `token: ${token(alnum, 36, "ghp_")}`, ignored: `token: ghp_${"x".repeat(36)}` },
  "secrets/github-fine-grained-token": { found: `GH=${token(alnum + "_", 82, "github_pat_")}`, ignored: "GH=github_pat_SHORT" },
  "secrets/gitlab-token": { found: `t: ${token(alnum, 20, "glpat-")}`, ignored: "t: glpat-<token>" },
  "secrets/bitbucket-app-password": { found: `p: ${token(alnum, 32, "ATBB")}`, ignored: "p: ATBB" },
  "secrets/slack-token": { found: `slack: xoxb-${token("0123456789", 12)}-${token(alnum, 24)}`, ignored: "slack: xoxb-your-token-here" },
  "secrets/slack-webhook": { found: `url: https://hooks.slack.com/services/T${token("ABCDEFGHIJ0123456789", 8)}/B${token("ABCDEFGHIJ0123456789", 8)}/${token(alnum, 24)}`, ignored: "url: https://hooks.slack.com/services/..." },
  "secrets/stripe-key": { found: `STRIPE=${token(alnum, 24, "sk_live_")}`, ignored: "STRIPE=sk_live_..." },
  "secrets/twilio-api-key": { found: `twilio: ${token("0123456789abcdef", 32, "SK")}`, ignored: `TASK: ${"0".repeat(32)}` },
  "secrets/sendgrid-api-key": { found: `SG.${token(alnum, 22)}.${token(alnum, 43)}`, ignored: "SG.example" },
  "secrets/npm-token": { found: `_authToken=${token(alnum, 36, "npm_")}`, ignored: "_authToken=${NPM_TOKEN}" },
  "secrets/pypi-token": { found: `password = pypi-AgEIcHlwaS5vcmc${token(alnum, 60)}`, ignored: "password = pypi-<token>" },
  "secrets/dockerhub-token": { found: `DOCKER=${token(alnum, 27, "dckr_pat_")}`, ignored: "DOCKER=dckr_pat_" },
  "secrets/private-key": { found: pem("RSA PRIVATE KEY"), ignored: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----" },
  "secrets/jwt": { found: `Bearer eyJ${token(alnum, 30)}.eyJ${token(alnum, 50)}.${token(alnum, 43)}`, ignored: "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0." },
  "secrets/url-password": { found: `DATABASE_URL=postgres://app:${token(alnum, 16)}@db:5432/shop`, ignored: "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/shop" },
  "secrets/generic-assignment": { found: `client_secret: ${token(alnum, 32)}`, ignored: "client_secret: changeme-in-production" },
};

describe("secret detectors", () => {
  it("every detector has a case", () => {
    expect(Object.keys(cases).sort()).toEqual(detectors.map((detector) => detector.id).sort());
  });

  it.each(Object.entries(cases))("%s reports the secret and ignores the look-alike", (id, { found, ignored }) => {
    const scan = (text: string) => scanText(text, lineStartsOf(text)).map((match) => match.detector.id);
    expect(scan(found)).toContain(id);
    expect(scan(ignored)).not.toContain(id);
  });

  it("finds private keys indented in YAML block scalars, but not certificates or public keys", () => {
    const key = pem("EC PRIVATE KEY").split("\n").map((line) => `    ${line}`).join("\n");
    const text = `data:\n  tls.key: |\n${key}\n  tls.crt: |\n    ${pem("CERTIFICATE").split("\n").join("\n    ")}\n  pub: |\n    ${pem("PUBLIC KEY").split("\n").join("\n    ")}\n`;
    expect(scanText(text, lineStartsOf(text)).map((match) => [match.detector.id, match.line])).toEqual([["secrets/private-key", 3]]);
  });
});

const secret = token(alnum, 24);

describe("Kubernetes-aware secret rules", () => {
  const rules = (files: Record<string, string>) => Promise.all(secretsRules.map((rule) => findingsOf(rule, { files }))).then((all) => all.flat());

  it("a plaintext Secret is reported at its first value, with its keys, never its values", async () => {
    const found = await rules({ "secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  user: app\n  password: ${secret}\n` });
    expect(found).toEqual([
      {
        rule: "secrets/plaintext-k8s-secret",
        env: null,
        at: "secret.yaml:6:3",
        message: "Secret db holds plaintext values in stringData (user, password); commit a SealedSecret, an ExternalSecret or a SOPS-encrypted file instead",
      },
    ]);
  });

  it("a Secret written after its data (kind last) is still found", async () => {
    const found = await rules({ "secret.yaml": `data:\n  token: ${Buffer.from(secret).toString("base64")}\nmetadata:\n  name: late\napiVersion: v1\nkind: Secret\n` });
    expect(found.map((finding) => [finding.rule, finding.at])).toEqual([["secrets/plaintext-k8s-secret", "secret.yaml:2:3"]]);
  });

  it("base64-decoded data is scanned with the detectors", async () => {
    const github = token(alnum, 36, "ghp_");
    const found = await rules({ "s.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ndata:\n  token: ${Buffer.from(github).toString("base64")}\n` });
    expect(found.map((finding) => finding.rule).sort()).toEqual(["secrets/github-token", "secrets/plaintext-k8s-secret"]);
  });

  it("SOPS-encrypted Secrets, SealedSecrets with encryptedData only, ExternalSecrets and secretKeyRefs pass", async () => {
    const found = await rules({
      "sops.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ENC[AES256_GCM,data:${secret},type:str]\nsops:\n  mac: ENC[AES256_GCM,data:${secret},type:str]\n  encrypted_regex: ^(data|stringData)$\n`,
      "sealed.yaml": `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgB${token(alnum, 200)}\n  template:\n    metadata:\n      name: db\n`,
      "external.yaml": "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  data:\n  - secretKey: password\n    remoteRef:\n      key: prod/db/password\n",
      "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: api:1\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n",
    });
    expect(found).toEqual([]);
  });

  it("reports SOPS files without a mac or with unencrypted values, SealedSecret plaintext, env literals and secretGenerator literals", async () => {
    const found = await rules({
      "sops.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${secret}\nsops:\n  encrypted_regex: ^(data|stringData)$\n`,
      "sealed.yaml": `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    a: AgB${token(alnum, 200)}\n  template:\n    data:\n      admin: ${secret}\n`,
      "deploy.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: api:1\n        env:\n        - name: API_TOKEN\n          value: ${secret}\n`,
      "kustomization.yaml": `secretGenerator:\n- name: api\n  literals:\n  - TOKEN=${secret}\n`,
    });
    expect(found.map((finding) => [finding.rule, finding.at]).sort()).toEqual([
      ["secrets/env-literal", "deploy.yaml:13:11"],
      ["secrets/sealed-secret-plaintext", "sealed.yaml:10:7"],
      ["secrets/secret-generator-literal", "kustomization.yaml:4:5"],
      ["secrets/sops-unencrypted", "sops.yaml:6:3"],
      ["secrets/sops-unencrypted", "sops.yaml:7:1"],
    ]);
  });
});

describe("scope, allowlist and redaction", () => {
  const github = token(alnum, 36, "ghp_");

  it("scans every text file, honours secrets.allowlist paths and regexes", async () => {
    const repo = writeRepo({
      "scripts/deploy.sh": `#!/bin/sh\nexport GH_TOKEN=${github}\n`,
      "docs/fixture.env": `TOKEN=${token(alnum, 36, "ghp_")}\n`,
      "Dockerfile": `ENV STRIPE=${token(alnum, 24, "sk_test_")}\n`,
      "mergegate.yaml": 'version: 1\nsecrets:\n  allowlist:\n    paths: ["docs/**"]\n    regexes: ["^sk_test_"]\n',
    });
    try {
      const result = await runGate({ repo: repo.root });
      expect(result.findings.map((finding) => `${finding.rule} ${finding.location?.file}:${finding.location?.line}`)).toEqual(["secrets/github-token scripts/deploy.sh:2"]);
      for (const format of formatNames) {
        const output = formatResult(result, format);
        expect(output).not.toContain(github);
        expect(output).toContain("secrets/github-token");
      }
    } finally {
      repo.remove();
    }
  });
});
