// The secrets/* rules: one per detector and one per Kubernetes-aware check, all reading the shared scan.
import type { Rule, RuleMeta } from "../rule.js";
import { detectors } from "./detectors.js";
import { scanRepo } from "./scan-repo.js";

const redactionNote = " The value is never printed: findings show the rule, the place and a fingerprint.";

function secretsRule(meta: RuleMeta): Rule {
  return {
    meta,
    run(context) {
      for (const finding of scanRepo(context)) {
        if (finding.rule !== meta.id) continue;
        context.report({ env: null, location: finding.location, message: finding.message, subject: finding.secret === "" ? finding.message : context.secret(finding.secret) });
      }
    },
  };
}

const detectorRules = detectors.map((detector) =>
  secretsRule({
    id: detector.id,
    severity: "error",
    description: detector.description,
    docs: `Remove the credential from the repo and rotate it: it is in Git history now. Keep it in a SealedSecret, an ExternalSecret or a SOPS-encrypted file.${redactionNote}`,
  }),
);

const kubernetesRules = [
  secretsRule({
    id: "secrets/plaintext-k8s-secret",
    severity: "error",
    description: "A Kubernetes Secret with plaintext data or stringData (not SOPS-encrypted).",
    docs: `A Secret's data is only base64-encoded. Commit a SealedSecret (kubeseal), an ExternalSecret, or encrypt the file with SOPS.${redactionNote}`,
  }),
  secretsRule({
    id: "secrets/sealed-secret-plaintext",
    severity: "error",
    description: "A SealedSecret that carries plaintext values besides encryptedData.",
    docs: `Seal every value with kubeseal into spec.encryptedData; spec.template.data is for templates only.${redactionNote}`,
  }),
  secretsRule({
    id: "secrets/env-literal",
    severity: "error",
    description: "A container environment variable with a secret-like name set to a literal value.",
    docs: `Use env[].valueFrom.secretKeyRef (or envFrom a Secret) instead of a literal value.${redactionNote}`,
  }),
  secretsRule({
    id: "secrets/secret-generator-literal",
    severity: "error",
    description: "A kustomize secretGenerator literal: a plaintext secret in the repo.",
    docs: `Generate the Secret from files kept out of Git, from SOPS (ksops), or use an ExternalSecret.${redactionNote}`,
  }),
  secretsRule({
    id: "secrets/sops-unencrypted",
    severity: "error",
    description: "A SOPS file without a mac, or with values left unencrypted outside its unencrypted rules.",
    docs: `Re-encrypt the file with \`sops --encrypt --in-place\`; never edit encrypted values by hand.${redactionNote}`,
  }),
];

export const secretsRules: readonly Rule[] = [...kubernetesRules, ...detectorRules];
