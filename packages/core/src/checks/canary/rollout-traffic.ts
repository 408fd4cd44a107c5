// Argo Rollouts trafficRouting: the Istio VirtualServices and routes, NGINX/ALB Ingresses, SMI root Service and
// Gateway API HTTPRoutes exist, and route to the Rollout's Services.
import type { Resource } from "../../types.js";
import type { Problem } from "./canary-report.js";
import { list, record, serviceNameOfHost, text, type RenderIndex } from "./render-index.js";

const routingPointer = "/spec/strategy/canary/trafficRouting";
const gatewayPlugin = "argoproj-labs/gatewayAPI";

interface Services {
  stable: string | null;
  canary: string | null;
}

export function checkTrafficRouting(rollout: Resource, index: RenderIndex, problem: Problem): void {
  const canary = record(record(record(rollout.object["spec"])["strategy"])["canary"]);
  const routing = canary["trafficRouting"];
  if (routing === undefined) return;
  const services: Services = { stable: text(canary["stableService"]), canary: text(canary["canaryService"]) };
  const context = { rollout, index, problem, routing: record(routing), services };
  checkIngresses(context, "nginx", ["stableIngress"], ["additionalStableIngresses"], services.stable);
  const alb = record(context.routing["alb"]);
  checkIngresses(context, "alb", ["ingress"], ["ingresses"], text(alb["rootService"]) ?? services.stable);
  checkIstio(context);
  checkSmi(context);
  checkGatewayApi(context);
}

interface RoutingContext {
  rollout: Resource;
  index: RenderIndex;
  problem: Problem;
  routing: Record<string, unknown>;
  services: Services;
}

/** Ingress names under one provider, with their pointers. */
function ingressNames(provider: Record<string, unknown>, pointer: string, single: string[], many: string[]): { name: string; pointer: string }[] {
  const names: { name: string; pointer: string }[] = [];
  for (const field of single) {
    const name = text(provider[field]);
    if (name !== null) names.push({ name, pointer: `${pointer}/${field}` });
  }
  for (const field of many) {
    list(provider[field]).forEach((entry, position) => {
      if (typeof entry === "string") names.push({ name: entry, pointer: `${pointer}/${field}/${position}` });
    });
  }
  return names;
}

function checkIngresses(context: RoutingContext, providerName: string, single: string[], many: string[], service: string | null): void {
  const provider = context.routing[providerName];
  if (provider === undefined) return;
  const pointer = `${routingPointer}/${providerName}`;
  for (const entry of ingressNames(record(provider), pointer, single, many)) {
    const ingress = context.index.named("Ingress", entry.name, context.rollout.key.namespace)[0];
    if (ingress === undefined) {
      context.problem("canary/missing-traffic-target", context.rollout, entry.pointer, `Ingress "${entry.name}" is not in the ${context.index.env} render`);
    } else if (service !== null && !ingressBackends(ingress).includes(service)) {
      context.problem("canary/traffic-target-service", context.rollout, entry.pointer, `Ingress "${entry.name}" does not route to Service "${service}"`);
    }
  }
}

/** Service names an Ingress routes to (networking.k8s.io/v1 and the older extensions/v1beta1 form). */
function ingressBackends(ingress: Resource): string[] {
  const spec = record(ingress.object["spec"]);
  const backends = [spec["defaultBackend"], spec["backend"]];
  for (const rule of list(spec["rules"])) for (const path of list(record(record(rule)["http"])["paths"])) backends.push(record(path)["backend"]);
  return backends.map((backend) => text(record(record(backend)["service"])["name"]) ?? text(record(backend)["serviceName"])).filter((name): name is string => name !== null);
}

function checkIstio(context: RoutingContext): void {
  const istio = context.routing["istio"];
  if (istio === undefined) return;
  const pointer = `${routingPointer}/istio`;
  const single = record(istio)["virtualService"];
  const references = single === undefined ? [] : [{ reference: record(single), pointer: `${pointer}/virtualService` }];
  list(record(istio)["virtualServices"]).forEach((entry, position) => references.push({ reference: record(entry), pointer: `${pointer}/virtualServices/${position}` }));
  const subsetLevel = record(istio)["destinationRule"] !== undefined;
  for (const { reference, pointer: referencePointer } of references) checkVirtualService(context, reference, referencePointer, subsetLevel);
}

function checkVirtualService(context: RoutingContext, reference: Record<string, unknown>, pointer: string, subsetLevel: boolean): void {
  const fullName = text(reference["name"]);
  if (fullName === null) return;
  const [name = fullName, namespace = context.rollout.key.namespace] = fullName.split(".");
  const virtualService = context.index.named("VirtualService", name, namespace)[0];
  if (virtualService === undefined) {
    context.problem("canary/missing-traffic-target", context.rollout, `${pointer}/name`, `VirtualService "${fullName}" is not in the ${context.index.env} render`);
    return;
  }
  const httpRoutes = list(record(virtualService.object["spec"])["http"]).map(record);
  const wanted = list(reference["routes"]).filter((route): route is string => typeof route === "string");
  const routes = wanted.length === 0 ? httpRoutes : httpRoutes.filter((route) => wanted.includes(text(route["name"]) ?? ""));
  wanted.forEach((route, position) => {
    if (!httpRoutes.some((candidate) => candidate["name"] === route)) {
      context.problem("canary/missing-traffic-target", context.rollout, `${pointer}/routes/${position}`, `VirtualService "${fullName}" has no HTTP route named "${route}"`);
    }
  });
  if (subsetLevel || routes.length === 0) return;
  const hosts = routes.flatMap((route) => list(route["route"]).map((destination) => text(record(record(destination)["destination"])["host"])));
  const services = new Set(hosts.filter((host): host is string => host !== null).map(serviceNameOfHost));
  for (const service of [context.services.stable, context.services.canary]) {
    if (service !== null && !services.has(service)) {
      context.problem("canary/traffic-target-service", context.rollout, `${pointer}/name`, `VirtualService "${fullName}" does not route to Service "${service}"`);
    }
  }
}

function checkSmi(context: RoutingContext): void {
  const rootService = text(record(context.routing["smi"])["rootService"]);
  if (rootService === null || context.index.named("Service", rootService, context.rollout.key.namespace).length > 0) return;
  context.problem("canary/missing-traffic-target", context.rollout, `${routingPointer}/smi/rootService`, `SMI rootService "${rootService}" is not in the ${context.index.env} render`);
}

function checkGatewayApi(context: RoutingContext): void {
  const plugin = record(record(context.routing["plugins"])[gatewayPlugin]);
  const pointer = `${routingPointer}/plugins/${gatewayPlugin.replace("/", "~1")}`;
  const namespace = text(plugin["namespace"]) ?? context.rollout.key.namespace;
  const routes: { name: string; pointer: string }[] = [];
  const single = text(plugin["httpRoute"]);
  if (single !== null) routes.push({ name: single, pointer: `${pointer}/httpRoute` });
  list(plugin["httpRoutes"]).forEach((entry, position) => {
    const name = text(record(entry)["name"]);
    if (name !== null) routes.push({ name, pointer: `${pointer}/httpRoutes/${position}/name` });
  });
  for (const route of routes) {
    const httpRoute = context.index.named("HTTPRoute", route.name, namespace)[0];
    if (httpRoute === undefined) {
      context.problem("canary/missing-traffic-target", context.rollout, route.pointer, `HTTPRoute "${route.name}" is not in the ${context.index.env} render`);
      continue;
    }
    const backends = new Set(
      list(record(httpRoute.object["spec"])["rules"]).flatMap((rule) => list(record(rule)["backendRefs"]).map((backend) => text(record(backend)["name"]))),
    );
    for (const service of [context.services.stable, context.services.canary]) {
      if (service !== null && !backends.has(service)) {
        context.problem("canary/traffic-target-service", context.rollout, route.pointer, `HTTPRoute "${route.name}" does not route to Service "${service}"`);
      }
    }
  }
}
