// The origins a head build may take from the base's render instead of asking kustomize (render/borrowed-origins.ts).
import { describe, expect, it } from "vitest";
import { originLender, withOrigins, type OriginBase } from "../src/render/borrowed-origins.js";
import { simpleUnit } from "../src/render/gitops/units.js";
import { parseSource } from "../src/repo/load.js";
import type { Environment, EnvironmentRender, Origin, Resource, SourceFile } from "../src/types.js";

const unit = simpleUnit("overlays/prod", "kustomize");
const env: Environment = { name: "prod", path: "overlays/prod", renderer: "kustomize", failOn: "error", kubernetesVersion: null, progressive: false, production: true, units: [unit], sources: [], detectedBy: "convention", kustomizeBuildOptions: [] };
const service = (name: string, port: number): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n    - port: ${port}\n`;
const kustomization = "resources: [service.yaml]\n";

function filesOf(texts: Record<string, string>): Map<string, SourceFile> {
  return new Map(Object.entries(texts).map(([file, text]) => [file, parseSource(file, file, `/repo/${file}`, text)]));
}

function resource(name: string, origin: Origin = { file: "", documentIndex: null, basePointer: "", generator: null }): Resource {
  return { key: { apiVersion: "v1", kind: "Service", namespace: null, name }, object: { apiVersion: "v1", kind: "Service", metadata: { name } }, origin, env: "prod" };
}

const fromFile = (file: string): Origin => ({ file, documentIndex: null, basePointer: "", generator: null });

function baseOf(texts: Record<string, string>, resources: Resource[], environments: Environment[] = [env]): OriginBase & { renders: string[] } {
  const renders: string[] = [];
  const envRender: EnvironmentRender = { env, resources, kustomizations: [], failed: false, skippedReason: null, problems: [] };
  return { files: filesOf(texts), environments, renders, render: async (name) => (renders.push(name), envRender) };
}

describe("origins lent by the base", () => {
  const head = filesOf({ "overlays/prod/kustomization.yaml": kustomization, "overlays/prod/service.yaml": service("web", 8081) });

  it("a changed input that holds the same objects lends the base's origins, once the base is known", async () => {
    const lender = originLender(head, ["overlays/prod/service.yaml"]);
    const asked = lender.originsOf(env, unit);
    expect(asked).not.toBeNull();
    const base = baseOf({ "overlays/prod/kustomization.yaml": kustomization, "overlays/prod/service.yaml": service("web", 8080) }, [resource("web", fromFile("overlays/prod/service.yaml"))]);
    lender.lend(base);
    const origins = await asked;
    expect(base.renders).toEqual(["prod"]);
    expect(withOrigins([resource("web")], origins)?.map((lent) => lent.origin.file)).toEqual(["overlays/prod/service.yaml"]);
    // an object the base does not render has no origin to lend: the build asks kustomize
    expect(withOrigins([resource("web"), resource("api")], origins)).toBeNull();
  });

  it("asks kustomize when a kustomization changed, a changed input is not made of manifests, or the unit is not kustomize", () => {
    expect(originLender(head, ["overlays/prod/kustomization.yaml"]).originsOf(env, unit)).toBeNull();
    const withData = filesOf({ "overlays/prod/kustomization.yaml": kustomization, "overlays/prod/service.yaml": service("web", 1), "overlays/prod/app.properties": "mode=fast\n" });
    expect(originLender(withData, ["overlays/prod/app.properties"]).originsOf(env, unit)).toBeNull();
    expect(originLender(head, ["overlays/prod/deleted.yaml"]).originsOf(env, unit)).toBeNull();
    expect(originLender(head, ["overlays/prod/service.yaml"]).originsOf(env, simpleUnit("overlays/prod", "plain"))).toBeNull();
  });

  it("lends nothing when the changed input's objects differ from the base's, or the base renders an object twice", async () => {
    const renamed = originLender(head, ["overlays/prod/service.yaml"]);
    const asked = renamed.originsOf(env, unit);
    renamed.lend(baseOf({ "overlays/prod/service.yaml": service("old-name", 8080) }, [resource("old-name", fromFile("overlays/prod/service.yaml"))]));
    expect(await asked).toBeNull();

    const twice = originLender(head, ["overlays/prod/service.yaml"]);
    const origins = twice.originsOf(env, unit);
    twice.lend(baseOf({ "overlays/prod/service.yaml": service("web", 8080) }, [resource("web", fromFile("a.yaml")), resource("web", fromFile("b.yaml"))]));
    expect(withOrigins([resource("web")], await origins)).toBeNull();
  });

  it("lends nothing when the base lacks the environment or the run ended without a base; the first base counts", async () => {
    const lender = originLender(head, ["overlays/prod/service.yaml"]);
    const asked = lender.originsOf(env, unit);
    lender.lend(baseOf({ "overlays/prod/service.yaml": service("web", 8080) }, [resource("web")], []));
    lender.lend(baseOf({ "overlays/prod/service.yaml": service("web", 8080) }, [resource("web", fromFile("overlays/prod/service.yaml"))]));
    expect(await asked).toBeNull();

    const ended = originLender(head, ["overlays/prod/service.yaml"]);
    const waiting = ended.originsOf(env, unit);
    ended.lend(null);
    expect(await waiting).toBeNull();
  });
});
