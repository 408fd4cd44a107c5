// `mergegate policy eval | test | conformance`: evaluate, unit-test and measure Rego the way `opa` does.
import { Command, Option } from "commander";
import { evalOutputText, GateError, policyBuild, policyConformance, policyEval, policyTest, policyVerify, type RegoVersion } from "@mergegate/core";
import { collect } from "../options.js";

const regoVersionOption = (): Option => new Option("--rego-version <version>", "Rego syntax of the modules").choices(["v0", "v1"]).default("v1");

function passRate(text: string): number {
  const value = Number(text.replace(/%$/, ""));
  if (!Number.isFinite(value) || value < 0 || value > 100) throw new GateError(`--min-pass-rate must be a number from 0 to 1 (or a percentage), got "${text}"`);
  return text.endsWith("%") || value > 1 ? value / 100 : value;
}

export function policyCommand(setExitCode: (code: number) => void): Command {
  const evaluate = new Command("eval")
    .description("evaluate a Rego query (output: opa eval --format json)")
    .argument("<QUERY>", "the query, e.g. data.main.deny")
    .option("-d, --data <path>", "a .rego module, a data file or a folder of them (repeatable)", collect, [])
    .option("-i, --input <file>", "the input document (JSON or YAML)")
    .addOption(regoVersionOption())
    .action((query: string, flags: { data: string[]; input?: string; regoVersion: RegoVersion }) => {
      const print = (message: string) => process.stderr.write(message + "\n");
      const output = policyEval({ dataPaths: flags.data, inputFile: flags.input ?? null, query, regoVersion: flags.regoVersion, print });
      process.stdout.write(evalOutputText(output) + "\n");
    });

  const test = new Command("test")
    .description("run the test_* rules of Rego modules, like opa test; exit 1 when one fails")
    .argument("[PATH...]", "modules, data files or folders (default: .)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(regoVersionOption())
    .action((paths: string[], flags: { format: string; regoVersion: RegoVersion }) => {
      const report = policyTest(paths, flags.regoVersion);
      if (flags.format === "json") process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else {
        for (const entry of report.tests.filter((candidate) => candidate.status !== "pass")) {
          process.stdout.write(`${entry.file}:${entry.line}: ${entry.status.toUpperCase()} ${entry.package}.${entry.name}${entry.message === null ? "" : ` (${entry.message})`}\n`);
        }
        process.stdout.write(`${report.failed === 0 ? "PASS" : "FAIL"}: ${report.passed}/${report.total}\n`);
      }
      setExitCode(report.failed > 0 || report.total === 0 ? 1 : 0);
    });

  const conformance = new Command("conformance")
    .description("run OPA's YAML conformance cases and report the pass rate per category")
    .argument("<PATH...>", "folders of OPA conformance case files")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--min-pass-rate <rate>", "exit 1 when the pass rate is below this (0.95 or 95%)")
    .action((paths: string[], flags: { format: string; minPassRate?: string }) => {
      const minimum = flags.minPassRate === undefined ? null : passRate(flags.minPassRate);
      const summary = policyConformance(paths);
      const rate = summary.total === 0 ? 0 : summary.passed / summary.total;
      if (flags.format === "json") {
        const { categories: _categories, ...shape } = summary;
        process.stdout.write(JSON.stringify(shape, null, 2) + "\n");
      } else {
        for (const [category, counts] of Object.entries(summary.categories).sort(([a], [b]) => a.localeCompare(b))) {
          process.stdout.write(`${category.padEnd(40)} ${String(counts.passed).padStart(5)}/${String(counts.total).padEnd(5)} ${((counts.passed / Math.max(1, counts.total)) * 100).toFixed(1)}%\n`);
        }
        process.stdout.write(`total: ${summary.passed}/${summary.total} passed (${(rate * 100).toFixed(1)}%), ${summary.failed} failed, ${summary.errored} errored\n`);
      }
      setExitCode(minimum !== null && rate < minimum ? 1 : 0);
    });

  const build = new Command("build")
    .description("compile Rego to an OPA Wasm bundle with the `opa` binary (cached by content); prints the bundle's path")
    .argument("<DIR>", "folder of Rego modules and data")
    .option("-e, --entrypoint <path>", "an entrypoint such as main/deny (repeatable)", collect, [])
    .action(async (dir: string, flags: { entrypoint: string[] }) => {
      process.stdout.write(`${await policyBuild(dir, flags.entrypoint)}\n`);
    });

  const verify = new Command("verify")
    .description("run Gatekeeper gator Suite files (kind: Suite) without a cluster; exit 1 when a case fails or errors")
    .argument("<SUITE...>", "suite files, or folders searched for suite.yaml / kind: Suite files")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((paths: string[], flags: { format: string }) => {
      const report = policyVerify(paths);
      // Nothing verified is not a pass: a typo in the path would otherwise turn the gate green.
      if (report.total === 0) throw new GateError(`no gator Suite (kind: Suite) with test cases found in ${paths.join(", ")}: nothing to verify`);
      if (flags.format === "json") process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else {
        for (const entry of report.cases.filter((candidate) => candidate.status !== "pass")) {
          process.stdout.write(`${entry.file}: ${entry.status.toUpperCase()} ${entry.name}${entry.reason === null ? "" : ` (${entry.reason})`}\n`);
        }
        process.stdout.write(`${report.failed + report.errored === 0 ? "PASS" : "FAIL"}: ${report.passed}/${report.total}\n`);
      }
      setExitCode(report.failed > 0 || report.errored > 0 ? 1 : 0);
    });

  return new Command("policy")
    .description("Rego tooling: eval, test, conformance, build, verify")
    .addCommand(evaluate)
    .addCommand(test)
    .addCommand(conformance)
    .addCommand(build)
    .addCommand(verify);
}
