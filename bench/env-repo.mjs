// Synthetic kustomize environment repo with many environments: a shared base, two region layers and one overlay
// per environment with its own patch and generator file; every fifth environment adds a kustomize Component.
// Usage: node bench/env-repo.mjs --envs 30 --apps 3 --out DIR
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

/** Environment names env-01 … env-NN; the first third go through regions/eu, the second through regions/us. */
export function envNames(count) {
  return Array.from({ length: count }, (_, index) => `env-${String(index + 1).padStart(2, "0")}`);
}

/** Every fifth environment (env-05, env-10 …) includes components/debug. */
export function usesComponent(position) {
  return position % 5 === 4;
}

export function regionOf(position, count) {
  const third = Math.ceil(count / 3);
  return position < third ? "eu" : position < 2 * third ? "us" : null;
}

/** The files of the repo, by repo-relative path. */
export function envRepoFiles({ envs = 30, apps = 3 } = {}) {
  const files = {};
  const appNames = Array.from({ length: apps }, (_, index) => `app-${index + 1}`);
  for (const app of appNames) {
    files[`base/${app}.yaml`] = deployment(app);
  }
  files["base/kustomization.yaml"] = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${appNames.map((app) => `- ${app}.yaml`).join("\n")}\n`;
  for (const region of ["eu", "us"]) {
    files[`regions/${region}/kustomization.yaml`] = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\ncommonLabels:\n  region: ${region}\n`;
  }
  files["components/debug/kustomization.yaml"] = `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  debug: "true"\n`;
  envNames(envs).forEach((env, position) => {
    const region = regionOf(position, envs);
    const parent = region === null ? "../../base" : `../../regions/${region}`;
    files[`overlays/${env}/kustomization.yaml`] = [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      `namespace: ${env}`,
      "resources:",
      `- ${parent}`,
      "- namespace.yaml",
      "patches:",
      "- path: replicas.yaml",
      "configMapGenerator:",
      "- name: settings",
      "  files:",
      "  - settings.properties=config/settings.properties",
      ...(usesComponent(position) ? ["components:", "- ../../components/debug"] : []),
      "",
    ].join("\n");
    files[`overlays/${env}/namespace.yaml`] = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${env}\n`;
    files[`overlays/${env}/replicas.yaml`] = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${appNames[0]}\nspec:\n  replicas: ${1 + (position % 3)}\n`;
    files[`overlays/${env}/config/settings.properties`] = `LOG_LEVEL=info\nENV=${env}\n`;
  });
  files["README.md"] = "# synthetic environments\n";
  return files;
}

function deployment(app) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels: { app.kubernetes.io/name: ${app} }
spec:
  replicas: 1
  selector:
    matchLabels: { app.kubernetes.io/name: ${app} }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ${app} }
    spec:
      securityContext: { runAsNonRoot: true }
      containers:
      - name: ${app}
        image: ghcr.io/bench/${app}:1.0.0
        resources:
          requests: { cpu: 100m, memory: 128Mi }
          limits: { cpu: 500m, memory: 256Mi }
`;
}

export function writeEnvRepo(out, options) {
  rmSync(out, { recursive: true, force: true });
  const files = envRepoFiles(options);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), text);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { envs: { type: "string", default: "30" }, apps: { type: "string", default: "3" }, out: { type: "string" } } });
  if (values.out === undefined) throw new Error("usage: env-repo.mjs --envs N --apps M --out DIR");
  writeEnvRepo(values.out, { envs: Number(values.envs), apps: Number(values.apps) });
}
