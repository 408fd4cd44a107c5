// Micro-benchmark: one v1 deny rule compiled once, evaluated over 10,000 generated Kubernetes-like objects.
import { compile } from "../dist/index.js";

const policy = compile({
  modules: [
    {
      file: "bench.rego",
      source: `package main

deny contains msg if {
  input.kind == "Deployment"
  c := input.spec.template.spec.containers[_]
  endswith(c.image, ":latest")
  msg := sprintf("container %s uses the latest tag", [c.name])
}
`,
    },
  ],
});

function resource(index) {
  const kinds = ["Deployment", "Service", "ConfigMap", "Deployment"];
  return {
    apiVersion: "apps/v1",
    kind: kinds[index % kinds.length],
    metadata: { name: `app-${index}`, namespace: "default", labels: { app: `app-${index}` } },
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            { name: "main", image: index % 3 === 0 ? "nginx:latest" : "nginx:1.27", ports: [{ containerPort: 80 }] },
            { name: "sidecar", image: "envoy:v1.30" },
          ],
        },
      },
    },
  };
}

const inputs = Array.from({ length: 10_000 }, (_, index) => resource(index));
/** One pass over all inputs; returns the elapsed seconds and the number of denials. */
function pass() {
  let denials = 0;
  const start = process.hrtime.bigint();
  for (const input of inputs) denials += policy.evalRef("data.main.deny", input).length;
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, denials };
}

pass();
const runs = Array.from({ length: 5 }, pass);
const best = Math.min(...runs.map((run) => run.seconds));
const median = runs.map((run) => run.seconds).sort((a, b) => a - b)[2];
console.log(`${inputs.length} evaluations per pass, ${runs[0].denials} denials`);
console.log(`best ${Math.round(inputs.length / best)} evaluations/s, median ${Math.round(inputs.length / median)} evaluations/s (one core)`);
