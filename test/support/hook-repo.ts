// A user's environment repo for the commit-hook tests: a ConfigMap to change, a plaintext Secret to stage.
export const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n";

export const plaintextSecret = (password: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: "${password}"\n`;

// Tests run offline: the schema check's "no schema source" notice is not what these tests are about.
export const config = "version: 1\nrules:\n  schema/no-source: { severity: off }\n";
