// Synthetic environment repo generator: N apps × M environments, in the plain or the kustomize layout.
// Usage: node bench/generate.mjs --apps 250 --envs 4 --layout plain --out DIR
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const kinds = [deployment, service, configMap, serviceAccount, hpa, pdb, networkPolicy, ingress, role, roleBinding];
/** Resources per app and environment: one of each kind above. */
export const resourcesPerApp = kinds.length;

function labels(app, indent) {
  const pad = " ".repeat(indent);
  return `${pad}app.kubernetes.io/name: ${app}\n${pad}app.kubernetes.io/part-of: bench\n`;
}

function deployment(app, ns, env) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
${labels(app, 4)}spec:
  replicas: ${env === "prod" ? 3 : 1}
  selector:
    matchLabels:
${labels(app, 6)}  template:
    metadata:
      labels:
${labels(app, 8)}    spec:
      serviceAccountName: ${app}
      securityContext:
        runAsNonRoot: true
      containers:
      - name: ${app}
        image: ghcr.io/bench/${app}:1.0.0
        ports:
        - containerPort: 8080
        resources:
          requests: { cpu: 100m, memory: 128Mi }
          limits: { cpu: 500m, memory: 256Mi }
        readinessProbe:
          httpGet: { path: /healthz, port: 8080 }
`;
}

function service(app, ns) {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector:\n${labels(app, 4)}  ports:\n  - port: 80\n    targetPort: 8080\n`;
}

function configMap(app, ns, env) {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-settings\n  namespace: ${ns}\ndata:\n  LOG_LEVEL: ${env === "prod" ? "info" : "debug"}\n  FEATURE_X: "true"\n`;
}

function serviceAccount(app, ns) {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${app}\n  namespace: ${ns}\n`;
}

function hpa(app, ns) {
  return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${app} }\n  minReplicas: 1\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }\n`;
}

function pdb(app, ns) {
  return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n${labels(app, 6)}`;
}

function networkPolicy(app, ns) {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n${labels(app, 6)}  ingress:\n  - ports:\n    - port: 8080\n`;
}

function ingress(app, ns) {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  rules:\n  - host: ${app}.bench.example\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service: { name: ${app}, port: { number: 80 } }\n`;
}

function role(app, ns) {
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${app}-reader\n  namespace: ${ns}\nrules:\n- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get, list]\n`;
}

function roleBinding(app, ns) {
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${app}-reader\n  namespace: ${ns}\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${app}-reader }\nsubjects:\n- kind: ServiceAccount\n  name: ${app}\n  namespace: ${ns}\n`;
}

/** The manifests of one app in one environment, split over a few files as people write them. */
function appFiles(app, env) {
  const ns = `bench-${env}`;
  const docs = kinds.map((kind) => kind(app, ns, env));
  return {
    "deployment.yaml": docs.slice(0, 4).join("---\n"),
    "scaling.yaml": docs.slice(4, 6).join("---\n"),
    "network.yaml": docs.slice(6, 8).join("---\n"),
    "rbac.yaml": docs.slice(8).join("---\n"),
  };
}

export const envNames = (count) => ["dev", "staging", "prod", "qa", "perf", "canary", "eu", "us"].slice(0, count).concat(
  Array.from({ length: Math.max(0, count - 8) }, (_, index) => `env${index + 9}`),
);

/** Writes the repo; returns the number of resources and files. */
export function generate({ apps, envs, layout, out }) {
  rmSync(out, { recursive: true, force: true });
  let resources = 0;
  let files = 0;
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), text);
    files++;
  };
  const appNames = Array.from({ length: apps }, (_, index) => `app-${String(index).padStart(4, "0")}`);
  for (const env of envNames(envs)) {
    for (const app of appNames) {
      if (layout === "plain") {
        for (const [file, text] of Object.entries(appFiles(app, env))) write(`envs/${env}/${app}/${file}`, text);
      }
      resources += resourcesPerApp;
    }
    if (layout === "kustomize") {
      write(`overlays/${env}/kustomization.yaml`, `namespace: bench-${env}\nresources:\n${appNames.map((app) => `- ../../apps/${app}`).join("\n")}\nimages:\n- name: ghcr.io/bench/app\n  newTag: "1.1.0"\n`);
    }
  }
  if (layout === "kustomize") {
    for (const app of appNames) {
      const texts = appFiles(app, "base");
      for (const [file, text] of Object.entries(texts)) write(`apps/${app}/${file}`, text.replace(/  namespace: bench-base\n/g, ""));
      write(`apps/${app}/kustomization.yaml`, `resources:\n${Object.keys(texts).map((file) => `- ${file}`).join("\n")}\n`);
    }
  }
  return { resources, files };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({
    options: { apps: { type: "string", default: "250" }, envs: { type: "string", default: "4" }, layout: { type: "string", default: "plain" }, out: { type: "string" } },
  });
  if (values.out === undefined) throw new Error("--out DIR is required");
  const result = generate({ apps: Number(values.apps), envs: Number(values.envs), layout: values.layout, out: values.out });
  console.log(`${values.layout}: ${result.resources} resources in ${result.files} files → ${values.out}`);
}
