// The `junit` format: a testsuite per environment (and one for file-level findings), a testcase per
// resource × check, failures for findings and <skipped> for suppressed ones (and unchanged ones with --new-only);
// an environment the run skipped is one <skipped> testcase with its reason.
import { rules } from "../checks/registry.js";
import { checkOf } from "../checks/rule.js";
import { describeKey } from "../render/resource.js";
import type { Finding, GateResult, ResourceKey } from "../types.js";
import { counts } from "../verdict/decide.js";

/** Checks that judge rendered objects (yaml and render findings are about files and environments). */
const resourceChecks = [...new Set(rules.map((rule) => checkOf(rule.meta.id)))].filter((check) => check !== "yaml" && check !== "render");

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[character] ?? character)
    // characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

interface Case {
  classname: string;
  name: string;
  findings: Finding[];
}

function resourceKeyText(key: ResourceKey | null): string {
  return key === null ? "" : describeKey(key);
}

function testcase({ classname, name, findings }: Case): string {
  const failing = findings.filter(isFailing);
  const suppressed = findings.filter(isSetAside);
  const open = `    <testcase classname="${xml(classname)}" name="${xml(name)}"`;
  if (failing.length === 0 && suppressed.length === 0) return `${open}/>`;
  const body: string[] = [];
  for (const finding of failing) {
    const where = finding.location === null ? "" : `${finding.location.file}:${finding.location.line}:${finding.location.column}: `;
    body.push(`      <failure type="${xml(finding.rule)}" message="${xml(finding.message)}">${xml(`${where}${finding.severity} ${finding.rule}: ${finding.message}`)}</failure>`);
  }
  if (failing.length === 0) {
    const reasons = suppressed.map((finding) =>
      finding.suppression === null ? `${finding.rule} (unchanged: the base has it too)` : `${finding.rule} (${finding.suppression.kind}${finding.suppression.reason ? `: ${finding.suppression.reason}` : ""})`,
    );
    body.push(`      <skipped message="${xml(`${suppressed.some((finding) => finding.suppression !== null) ? "suppressed" : "left aside"}: ${reasons.join("; ")}`)}"/>`);
  }
  return `${open}>\n${body.join("\n")}\n    </testcase>`;
}

interface Suite {
  text: string;
  tests: number;
  failures: number;
  skipped: number;
}

function isFailing(finding: Finding): boolean {
  return counts(finding) && finding.severity !== "info";
}

/** Suppressed findings, and with `--new-only` the ones the base also has: reported as <skipped>. */
function isSetAside(finding: Finding): boolean {
  return finding.suppression !== null || (finding.baselineState === "unchanged" && finding.severity !== "info");
}

function testsuite(name: string, cases: Case[]): Suite {
  const failures = cases.filter((entry) => entry.findings.some(isFailing)).length;
  const skipped = cases.filter((entry) => !entry.findings.some(isFailing) && entry.findings.some(isSetAside)).length;
  const text = [`  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`, ...cases.map(testcase), "  </testsuite>"].join("\n");
  return { text, tests: cases.length, failures, skipped };
}

export function formatJunit(result: GateResult): string {
  const suites: Suite[] = [];
  const fileFindings = result.findings.filter((finding) => finding.env === null);
  if (fileFindings.length > 0) {
    const byCase = new Map<string, Case>();
    for (const finding of fileFindings) {
      const file = finding.location?.file ?? "";
      const entry = byCase.get(`${file}\u0000${finding.check}`) ?? { classname: `files.${file}`, name: finding.check, findings: [] };
      entry.findings.push(finding);
      byCase.set(`${file}\u0000${finding.check}`, entry);
    }
    suites.push(testsuite("files", [...byCase.values()]));
  }
  const skippedReasons = new Map(result.verdict.environments.filter((env) => env.status === "skipped").map((env) => [env.name, env.skippedReason ?? "not checked"]));
  for (const envRender of result.render.environments) {
    const env = envRender.env.name;
    const skippedReason = skippedReasons.get(env);
    if (skippedReason !== undefined) {
      // Not checked, so not passed: one skipped testcase saying why.
      const text = `    <testcase classname="${xml(env)}" name="environment">\n      <skipped message="${xml(`skipped: ${skippedReason}`)}"/>\n    </testcase>`;
      suites.push({ text: [`  <testsuite name="${xml(env)}" tests="1" failures="0" errors="0" skipped="1">`, text, "  </testsuite>"].join("\n"), tests: 1, failures: 0, skipped: 1 });
      continue;
    }
    const own = result.findings.filter((finding) => finding.env === env);
    const cases: Case[] = [];
    const render = own.filter((finding) => finding.resource === null);
    cases.push({ classname: `${env}.render`, name: "render", findings: render });
    const keys = new Map<string, ResourceKey>();
    for (const resource of envRender.resources) keys.set(resourceKeyText(resource.key), resource.key);
    for (const finding of own) if (finding.resource !== null) keys.set(resourceKeyText(finding.resource), finding.resource);
    for (const [text] of keys) {
      const checks = new Set([...resourceChecks, ...own.filter((finding) => resourceKeyText(finding.resource) === text).map((finding) => finding.check)]);
      for (const check of checks) {
        cases.push({ classname: `${env}.${text}`, name: check, findings: own.filter((finding) => finding.check === check && resourceKeyText(finding.resource) === text) });
      }
    }
    suites.push(testsuite(env, cases));
  }
  const total = (field: "tests" | "failures" | "skipped"): number => suites.reduce((sum, suite) => sum + suite[field], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mergegate" tests="${total("tests")}" failures="${total("failures")}" errors="0" skipped="${total("skipped")}">`,
    ...suites.map((suite) => suite.text),
    "</testsuites>",
    "",
  ].join("\n");
}
