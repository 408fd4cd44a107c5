// Kubernetes' name formats (apimachinery's validation), and which one each kind uses for metadata.name.

const label1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const label1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export type NameFormat = "dns1123-subdomain" | "dns1123-label" | "dns1035-label" | "path-segment";

/** Kinds whose names are not DNS-1123 subdomains, by API group ("" is core). */
const formatsByKind: Record<string, NameFormat> = {
  "/Namespace": "dns1123-label",
  "/Service": "dns1035-label",
  "rbac.authorization.k8s.io/Role": "path-segment",
  "rbac.authorization.k8s.io/ClusterRole": "path-segment",
  "rbac.authorization.k8s.io/RoleBinding": "path-segment",
  "rbac.authorization.k8s.io/ClusterRoleBinding": "path-segment",
};

export function nameFormatOf(apiVersion: string | null, kind: string | null): NameFormat {
  const group = apiVersion !== null && apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return formatsByKind[`${group}/${kind ?? ""}`] ?? "dns1123-subdomain";
}

/** Why a name breaks the format, or null when it is valid. */
export function nameProblem(name: string, format: NameFormat): string | null {
  switch (format) {
    case "path-segment":
      if (name === "." || name === "..") return `may not be "${name}"`;
      if (/[/%]/.test(name)) return 'may not contain "/" or "%"';
      return null;
    case "dns1123-label":
      if (name.length > 63) return `must be at most 63 characters (has ${name.length})`;
      return label1123.test(name) ? null : "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
    case "dns1035-label":
      if (name.length > 63) return `must be at most 63 characters (has ${name.length})`;
      return label1035.test(name) ? null : "must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
    case "dns1123-subdomain":
      if (name.length > 253) return `must be at most 253 characters (has ${name.length})`;
      return name.split(".").every((part) => label1123.test(part) && part.length <= 63)
        ? null
        : "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit";
  }
}
