import { describe, expect, it } from "vitest";
import { duplicateResource } from "../../src/checks/k8s/duplicate-resource.js";
import { invalidName } from "../../src/checks/k8s/invalid-name.js";
import { missingIdentity } from "../../src/checks/k8s/missing-identity.js";
import { nameFormatOf, nameProblem } from "../../src/checks/k8s/names.js";
import { findingsOf } from "../rule-tester.js";

const configMap = (name: string, namespace?: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace === undefined ? "" : `  namespace: ${namespace}\n`}data:\n  a: "1"\n`;

describe("k8s/invalid-name", () => {
  it("reports a name with an underscore at the name's line", async () => {
    const found = await findingsOf(invalidName, { files: { "cm.yaml": configMap("web_settings") } });
    expect(found).toEqual([
      {
        rule: "k8s/invalid-name",
        env: "default",
        at: "cm.yaml:4:3",
        message: 'ConfigMap name "web_settings" must be a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit',
      },
    ]);
  });

  it("reports an invalid namespace at the namespace line", async () => {
    const found = await findingsOf(invalidName, { files: { "cm.yaml": configMap("ok", "Shop") } });
    expect(found.map((finding) => finding.at)).toEqual(["cm.yaml:5:3"]);
  });

  it("accepts valid names", async () => {
    const found = await findingsOf(invalidName, {
      files: { "cm.yaml": configMap("web.settings-v2") + "---\n" + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:acme:reader\nrules: []\n" },
    });
    expect(found).toEqual([]);
  });

  it("applies each kind's format", () => {
    expect(nameFormatOf("v1", "Service")).toBe("dns1035-label");
    expect(nameProblem("1web", "dns1035-label")).not.toBeNull();
    expect(nameProblem("1web", "dns1123-subdomain")).toBeNull();
    expect(nameFormatOf("v1", "Namespace")).toBe("dns1123-label");
    expect(nameProblem("a.b", "dns1123-label")).not.toBeNull();
    expect(nameProblem("a".repeat(64), "dns1123-label")).toMatch(/at most 63/);
    expect(nameProblem("a".repeat(254), "dns1123-subdomain")).toMatch(/at most 253/);
    expect(nameFormatOf("rbac.authorization.k8s.io/v1", "Role")).toBe("path-segment");
    expect(nameProblem("a/b", "path-segment")).not.toBeNull();
  });
});

describe("k8s/missing-identity", () => {
  it("reports a manifest without a name at its metadata line", async () => {
    const found = await findingsOf(missingIdentity, {
      files: { "np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: shop\nspec: {}\n" },
    });
    expect(found).toEqual([{ rule: "k8s/missing-identity", env: "default", at: "np.yaml:3:1", message: "manifest has no metadata.name" }]);
  });

  it("reports a missing kind and apiVersion together, at the document", async () => {
    const found = await findingsOf(missingIdentity, { files: { "x.yaml": "metadata:\n  name: x\nspec: {}\n" } });
    expect(found).toEqual([{ rule: "k8s/missing-identity", env: "default", at: "x.yaml:1:1", message: "manifest has no apiVersion, kind" }]);
  });

  it("accepts generateName and ignores YAML that is not a manifest", async () => {
    const found = await findingsOf(missingIdentity, {
      files: {
        "job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec: {}\n",
        "settings.yaml": "logLevel: debug\n",
      },
    });
    expect(found).toEqual([]);
  });
});

describe("k8s/duplicate-resource", () => {
  it("reports the second definition and names the first", async () => {
    const found = await findingsOf(duplicateResource, { files: { "a.yaml": configMap("web", "shop"), "b.yaml": configMap("web", "shop") } });
    expect(found).toEqual([
      { rule: "k8s/duplicate-resource", env: "default", at: "b.yaml:1:1", message: "ConfigMap shop/web is defined more than once (first defined in a.yaml)" },
    ]);
  });

  it("treats another namespace, kind or group as a different object", async () => {
    const found = await findingsOf(duplicateResource, {
      files: {
        "a.yaml": configMap("web", "shop"),
        "b.yaml": configMap("web", "admin"),
        "c.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\n  namespace: shop\n",
      },
    });
    expect(found).toEqual([]);
  });

  it("expands List documents into their items", async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: web\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: web\n`;
    const found = await findingsOf(duplicateResource, { files: { "list.yaml": list } });
    expect(found.map((finding) => finding.at)).toEqual(["list.yaml:8:3"]);
  });
});
