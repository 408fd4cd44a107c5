// Benchmark: a realistic 10-rule Kubernetes policy (sprintf, regex, object.get, units.parse) over 10,000 generated objects.
import { compile } from "../dist/index.js";

const source = `package k8s

workloads := {"Deployment", "StatefulSet", "DaemonSet"}

containers contains c if {
  workloads[input.kind]
  some c in input.spec.template.spec.containers
}

deny contains msg if {
  some c in containers
  endswith(c.image, ":latest")
  msg := sprintf("%s/%s: container %q uses the latest tag", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
  some c in containers
  not regex.match("^([a-z0-9.-]+/)?[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[a-f0-9]{64})$", c.image)
  msg := sprintf("%s: image %q is not a valid reference", [input.metadata.name, c.image])
}

deny contains msg if {
  some c in containers
  units.parse(object.get(c, ["resources", "limits", "memory"], "0")) > units.parse("2Gi")
  msg := sprintf("%s: container %s asks for more than 2Gi of memory", [input.metadata.name, c.name])
}

deny contains msg if {
  some c in containers
  units.parse(object.get(c, ["resources", "limits", "cpu"], "0")) > 2
  msg := sprintf("%s: container %s asks for more than 2 CPUs", [input.metadata.name, c.name])
}

deny contains msg if {
  some c in containers
  object.get(c, ["securityContext", "privileged"], false)
  msg := sprintf("%s: container %s is privileged", [input.metadata.name, c.name])
}

deny contains msg if {
  some c in containers
  not object.get(c, ["securityContext", "runAsNonRoot"], false)
  msg := sprintf("%s: container %s may run as root", [input.metadata.name, c.name])
}

deny contains msg if {
  workloads[input.kind]
  not object.get(input.metadata, ["labels", "app.kubernetes.io/name"], null)
  msg := sprintf("%s: missing the app.kubernetes.io/name label", [input.metadata.name])
}

deny contains msg if {
  not regex.match("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", input.metadata.name)
  msg := sprintf("%s: name is not a DNS label", [input.metadata.name])
}

deny contains msg if {
  input.kind == "Service"
  some port in input.spec.ports
  port.nodePort
  msg := sprintf("%s: NodePort %d is exposed", [input.metadata.name, port.nodePort])
}

deny contains msg if {
  input.kind == "Deployment"
  object.get(input.spec, "replicas", 1) < 2
  msg := sprintf("%s: fewer than 2 replicas", [input.metadata.name])
}
`;

const policy = compile({ modules: [{ file: "k8s.rego", source }] });

function resource(index) {
  const kinds = ["Deployment", "StatefulSet", "Service", "DaemonSet", "ConfigMap"];
  const kind = kinds[index % kinds.length];
  const name = index % 97 === 0 ? `App_${index}` : `app-${index}`;
  if (kind === "Service") return { apiVersion: "v1", kind, metadata: { name }, spec: { ports: [{ port: 80, ...(index % 3 === 0 ? { nodePort: 30080 } : {}) }] } };
  if (kind === "ConfigMap") return { apiVersion: "v1", kind, metadata: { name }, data: { key: "value" } };
  const container = (suffix, image) => ({
    name: `${suffix}`,
    image,
    resources: { limits: { memory: index % 7 === 0 ? "4Gi" : "512Mi", cpu: index % 11 === 0 ? "4" : "500m" } },
    securityContext: { runAsNonRoot: index % 5 !== 1, privileged: index % 13 === 0 },
  });
  return {
    apiVersion: "apps/v1",
    kind,
    metadata: { name, labels: index % 4 === 0 ? {} : { "app.kubernetes.io/name": name } },
    spec: {
      replicas: index % 3,
      template: { spec: { containers: [container("main", index % 3 === 0 ? "nginx:latest" : "registry.example.com/team/web:1.27"), container("sidecar", "envoyproxy/envoy:v1.30")] } },
    },
  };
}

const inputs = Array.from({ length: 10_000 }, (_, index) => resource(index));
/** One pass over all inputs; returns the elapsed seconds and the number of denials. */
function pass() {
  let denials = 0;
  const start = process.hrtime.bigint();
  for (const input of inputs) denials += policy.evalRef("data.k8s.deny", input).length;
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, denials };
}

pass();
const runs = Array.from({ length: 5 }, pass);
const seconds = runs.map((run) => run.seconds).sort((a, b) => a - b);
console.log(`10-rule Kubernetes policy: ${inputs.length} objects per pass, ${runs[0].denials} denials`);
console.log(`best ${(seconds[0] * 1000).toFixed(0)} ms (${Math.round(inputs.length / seconds[0])} objects/s), median ${(seconds[2] * 1000).toFixed(0)} ms (one core)`);
