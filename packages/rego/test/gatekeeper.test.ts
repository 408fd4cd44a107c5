// All Rego of the Gatekeeper library's ConstraintTemplates parses (as v0 unless marked v1) and compiles, apart from builtins of part 2.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { compile, CompileErrors, opaBuiltinNames, parseModule, RegoError, type RegoVersion } from "../src/index.js";

const repositoryRoot = resolve(fileURLToPath(import.meta.url), "../../../..");
const directory = resolve(repositoryRoot, "../shared/conformance/gatekeeper-library");

interface TemplateCode {
  file: string;
  rego: string;
  libs: string[];
  version: RegoVersion;
}

function templates(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return templates(path);
    return name === "template.yaml" ? [path] : [];
  });
}

interface Target {
  rego?: string;
  libs?: string[];
  code?: { engine: string; source: { rego?: string; libs?: string[]; version?: string } }[];
}

function regoOf(file: string): TemplateCode[] {
  const template = parseDocument(readFileSync(file, "utf8")).toJS() as { spec: { targets: Target[] } };
  return template.spec.targets.flatMap((target) => {
    const codes: TemplateCode[] = [];
    if (target.rego) codes.push({ file, rego: target.rego, libs: target.libs ?? [], version: "v0" });
    for (const code of target.code ?? []) {
      if (code.engine !== "Rego" || !code.source.rego) continue;
      codes.push({ file, rego: code.source.rego, libs: code.source.libs ?? [], version: code.source.version === "v1" ? "v1" : "v0" });
    }
    return codes;
  });
}

/** Compile failures caused only by calls to OPA builtins not in the registry yet. */
function onlyMissingBuiltins(error: RegoError): boolean {
  const errors = error instanceof CompileErrors ? error.errors : [error];
  return errors.every((inner) => {
    const match = /^undefined function (\S+)$/.exec(inner.text);
    return match !== null && opaBuiltinNames.has(match[1] as string);
  });
}

if (!existsSync(directory)) console.warn(`Gatekeeper library not found at ${directory}; skipping the Gatekeeper parse test`);

describe.runIf(existsSync(directory))("Gatekeeper library Rego", () => {
  it("parses every template and compiles it except for part-2 builtins", () => {
    const codes = templates(directory).flatMap(regoOf);
    expect(codes.length).toBeGreaterThan(30);
    let compiled = 0;
    for (const code of codes) {
      const modules = [{ file: code.file, source: code.rego }, ...code.libs.map((source, index) => ({ file: `${code.file}#lib${index}`, source }))];
      for (const module of modules) expect(() => parseModule(module.source, module.file, { regoVersion: code.version })).not.toThrow();
      try {
        compile({ modules, regoVersion: code.version });
        compiled++;
      } catch (error) {
        if (!(error instanceof RegoError) || !onlyMissingBuiltins(error)) throw error;
      }
    }
    console.info(`gatekeeper library: ${codes.length} Rego programs parse, ${compiled} compile with the part-1 builtins`);
  });
});
