// No silent bypass (issue 18, problem 4): a NUL byte, invalid UTF-8, an unreadable file, a force-added ignored
// file, `<<` merge keys and YAML 1.1 scalars never take content past the gate.
import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGate } from "../packages/core/src/gate.js";
import type { Finding } from "../packages/core/src/types.js";
import { fakeCredentials } from "./support/fake-secrets.js";
import { gitRepo } from "./support/git-repo.js";
import { writeRepo } from "./support/temp-repo.js";
import { hasTool } from "./support/tools.js";

const { awsKeyId } = fakeCredentials(1820);

async function findingsOf(files: Record<string, string | Buffer>, prepare?: (root: string) => void): Promise<Finding[]> {
  const repo = writeRepo(Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === "string")));
  try {
    for (const [file, bytes] of Object.entries(files)) if (Buffer.isBuffer(bytes)) (await import("node:fs")).writeFileSync(path.join(repo.root, file), bytes);
    prepare?.(repo.root);
    return (await runGate({ repo: repo.root, offline: true })).findings;
  } finally {
    repo.remove();
  }
}

const rulesAt = (findings: Finding[], file: string): string[] => findings.filter((finding) => finding.location?.file === file).map((finding) => finding.rule);

describe("files that are not clean text", () => {
  it("scans text with a NUL byte for secrets", async () => {
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: aws\nstringData:\n  id: ${awsKeyId}\n  note: "a\u0000b"\n`;
    const found = await findingsOf({ "secret.yaml": text });
    expect(rulesAt(found, "secret.yaml")).toContain("secrets/aws-access-key-id");
  });

  it("reports invalid UTF-8 as a warning and still scans the text", async () => {
    const bytes = Buffer.concat([Buffer.from(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  id: ${awsKeyId}\n  bad: "`), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]);
    const found = await findingsOf({ "cm.yaml": bytes });
    const skipped = found.find((finding) => finding.rule === "yaml/skipped-file");
    expect(skipped).toMatchObject({ severity: "warning", message: expect.stringMatching(/not valid UTF-8/) });
    expect(rulesAt(found, "cm.yaml")).toContain("secrets/aws-access-key-id");
  });

  it("reports a file that cannot be read (a symbolic link loop), of any kind", async () => {
    const found = await findingsOf({ "ok.yaml": "a: 1\n" }, (root) => {
      symlinkSync("loop-b.env", path.join(root, "loop-a.env"));
      symlinkSync("loop-a.env", path.join(root, "loop-b.env"));
    });
    const skipped = found.filter((finding) => finding.rule === "yaml/skipped-file");
    expect(skipped.map((finding) => finding.location?.file).sort()).toEqual(["loop-a.env", "loop-b.env"]);
    expect(skipped[0]?.message).toMatch(/cannot be read \(ELOOP\)/);
  });

  it("does not read a link to a file outside the repository", async () => {
    const outside = writeRepo({ "host-secret.yaml": `token: ${awsKeyId}\n` });
    try {
      const found = await findingsOf({ "ok.yaml": "a: 1\n" }, (root) => symlinkSync(path.join(outside.root, "host-secret.yaml"), path.join(root, "linked.yaml")));
      expect(rulesAt(found, "linked.yaml")).toEqual(["yaml/skipped-file"]);
    } finally {
      outside.remove();
    }
  });

  it("reads a file with too many documents as text only, with a warning", async () => {
    const many = Array.from({ length: 10_050 }, (_, index) => `a: ${index}\n`).join("---\n") + `---\nkey: ${awsKeyId}\n`;
    const found = await findingsOf({ "many.yaml": many });
    expect(found.find((finding) => finding.rule === "yaml/skipped-file")?.message).toMatch(/more than 10000 YAML documents/);
    expect(rulesAt(found, "many.yaml")).toContain("secrets/aws-access-key-id");
  });
});

describe("YAML as kubectl reads it (plain renderer)", () => {
  const pod = (securityContext: string, extra = ""): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: web@sha256:${"a".repeat(64)}\n    securityContext: ${securityContext}\n${extra}`;

  it("applies << merge keys", async () => {
    const found = await findingsOf({ "pod.yaml": pod("{<<: {privileged: true}}") });
    expect(found.map((finding) => finding.rule)).toContain("policy/no-privileged");
  });

  it("reads YAML 1.1 scalars: on is a boolean, 0755 is octal", async () => {
    const repo = writeRepo({ "pod.yaml": pod("{privileged: on}", "  volumes:\n  - name: v\n    configMap: {name: c, defaultMode: 0755}\n") });
    try {
      const result = await runGate({ repo: repo.root, offline: true });
      expect(result.findings.map((finding) => finding.rule)).toContain("policy/no-privileged");
      const object = result.render.environments[0]?.resources[0]?.object as { spec: { volumes: { configMap: { defaultMode: unknown } }[] } };
      expect(object.spec.volumes[0]?.configMap.defaultMode).toBe(0o755);
    } finally {
      repo.remove();
    }
  });
});

describe.runIf(hasTool("git"))("--staged checks every staged file", () => {
  it("also a force-added file that .gitignore matches", async () => {
    const repo = gitRepo({ ".gitignore": "secrets/\n", "apps/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n" });
    try {
      repo.commit("base");
      repo.write({ "secrets/db.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  key: ${awsKeyId}\n` });
      repo.git("add", "--force", "secrets/db.yaml");
      const result = await runGate({ repo: repo.root, staged: true, offline: true });
      expect(rulesAt(result.findings, "secrets/db.yaml")).toContain("secrets/aws-access-key-id");
    } finally {
      repo.remove();
    }
  });
});
